/**
 * @module The editable rule parameters of accountability (accidents, 举报, contractors): each with its schema, default, source and whether
 * the value is verified. UNVERIFIED facts live here as settings a system admin can change, never as code.
 */
import { ChainStepsSchema, defaultChainSteps, type ChainStep } from '../../../shared/accidents.ts';
import {
  ContractorRulesSchema,
  defaultContractorRules,
  defaultPostMajors,
  PostMajorsSchema,
  type ContractorRules,
  type PostMajors,
} from '../../../shared/compliance.rules.ts';
import {
  CaseRulesSchema,
  defaultCaseRules,
  type CaseRules,
} from '../../../shared/public-reports.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const accountabilitySettings = {
  postMajors: defineSetting<PostMajors>('accountability.postMajors', {
    schema: PostMajorsSchema,
    default: defaultPostMajors,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1、2条 (“五职”矿长主体专业大专及以上学历, “五科”专业技术人员主体专业毕业); no text lists the majors of each post: minewatch defaults',
    verified: false,
    description: '五职矿长、五科技术人员各岗位认可的主体专业 (登记的专业包含其中之一即符合)',
  }),
  /** The chain notices (逐级报送); the stored key keeps its first name. */
  chainSteps: defineSetting<ChainStep[]>('accountability.accidentReporting', {
    schema: ChainStepsSchema,
    default: defaultChainSteps,
    source:
      '《矿山生产安全事故报告和调查处理办法》(2023): 矿山 1 小时内报县级, 同时报国家矿山安全监察局省级局 (VERIFIED); 《2024年矿山安全生产工作要点》第32条: 市级接到非煤矿山事故信息后同步报省级矿山安全监察机构, 省级 10 分钟电话报、30 分钟书面报国家矿山安监局; 县、市两级的时限为地方应急预案做法 (UNVERIFIED)',
    verified: false,
    description: '事故信息报送链: 各级报送的起算点和时限 (分钟), 或与之同步报送的环节; 超时为迟报',
  }),
  publicReports: defineSetting<CaseRules>('accountability.publicReports', {
    schema: CaseRulesSchema,
    default: defaultCaseRules,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第24条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第27条 (举报受理、核实、办理、反馈、追责闭环, 及时兑现奖励); no text gives the days or the flood limits: minewatch defaults',
    verified: false,
    description: '举报: 受理、核实、办理、反馈各环节的天数, 公开表单的频次与照片限制',
  }),
  contractorRules: defineSetting<ContractorRules>('accountability.contractorRules', {
    schema: ContractorRulesSchema,
    default: defaultContractorRules,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条 and 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)4 (金属非金属地下基建矿山掘进承包单位 ≤ 3; 大中型地下生产矿山采掘 ≤ 2; 小型 ≤ 1; non-coal rules, not applied to coal mines); 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条 (原平: 正常生产的非煤矿山自 2025 年起严禁将采掘（剥）工程外包, 委托具备相应条件的企业整体管理的除外)',
    verified: false,
    description:
      '承包单位数量上限 (金属非金属地下矿山), 及各地区禁止外包的工程: 自何日起, 适用的矿山类型和状态, 不受限的承包范围 (整体管理)',
  }),
};
