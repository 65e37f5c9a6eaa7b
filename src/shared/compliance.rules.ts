/**
 * @module Who may run and work in a mine, and who may be contracted (issue 9 §3–4), checked against the
 * registry (pure). Each finding names its rule and source, and where it matches a major-hazard
 * criterion of 矿安〔2022〕88号 (地下(三十二) staffing, 地下(二十八) contracting) it is a hazard candidate.
 * - 五职矿长 (矿长、总工程师、安全副矿长、生产副矿长、机电副矿长) present at underground mines, each with
 *   主体专业大专以上学历 and 10 years in mines; 五科 technicians present with 5 years (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》
 *   第1、2条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1、2条).
 * - 主要负责人 and 五职矿长: special safety training every year (a training certificate within 12 months).
 * - Certificates valid on the date; first-time underground special operators (certified from 2024) with
 *   高中以上文化程度 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条); one certificate or one person at two mines at once
 *   (证件异常比对).
 * - Contractors: metal and non-metal underground mines under construction ≤ 3 掘进 contractors; producing
 *   large and medium ones ≤ 2 采掘 contractors, small ≤ 1 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条,
 *   《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)4 — non-coal rules: coal mines are not counted); no
 *   blasting contracted out at an underground mine (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条,
 *   《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条); regional bans from the setting
 *   accountability.contractorRules, each for the mine kinds and statuses its text names — 原平's ban on
 *   outsourcing 采掘（剥）from 2025 covers 正常生产的非煤矿山 only, and a qualified enterprise entrusted with the
 *   whole mine (整体管理) is its stated exception (《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条).
 * - Contractors' project staff (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; 矿安〔2022〕88号 地下(二十八)2): an excavation
 *   contractor at an underground mine sends a 项目负责人, 技术人员 and 特种作业人员 to its 项目部; all staff are the
 *   contractor's 正式职工 (not 临时聘用, 资质挂靠 or 劳务派遣); the 项目负责人 and 技术人员 have 矿山相关专业
 *   中专以上学历 or a 中级以上职称, and serve at no other mine.
 */
import { z } from 'zod';

export const FIVE_POSTS = ['矿长', '总工程师', '安全副矿长', '生产副矿长', '机电副矿长'] as const;
export const FIVE_TECHNICIANS = [
  '采矿技术人员',
  '地质技术人员',
  '测量技术人员',
  '机电技术人员',
  '通风技术人员',
] as const;
/** The technicians 地下(三十二) names (采矿、地质、测量、机电). */
const CRITERION_TECHNICIANS = ['采矿技术人员', '地质技术人员', '测量技术人员', '机电技术人员'];
/**
 * 五职矿长: 主体专业大专以上学历 and at least 10 years in mines (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1条); 五科: 5 years (第2条).
 */
export const FIVE_POSTS_EDUCATION = ['大专', '本科', '研究生'] as const;
export const FIVE_POSTS_YEARS = 10;
export const FIVE_TECHNICIANS_YEARS = 5;
const COLLEGE: readonly string[] = FIVE_POSTS_EDUCATION;
const BELOW_HIGH_SCHOOL = ['初中及以下'];
const UNDERGROUND = ['煤矿井工', '金属非金属地下矿山'];
/**
 * The mines the contractor-number limits apply to: 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条 is a non-coal plan and
 * 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)4 names 金属非金属地下矿山; coal mines are not counted.
 */
const LIMITED_KINDS = ['金属非金属地下矿山'];
/**
 * 非煤矿山 that 采掘（剥）work is done at (《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条 "正常生产的非煤矿山"):
 * the metal and non-metal mines; 尾矿库 and 排土场 have no 采掘.
 */
export const NON_COAL_MINING_KINDS = ['金属非金属地下矿山', '金属非金属露天矿山'] as const;

export const RegionalContractorBanSchema = z.strictObject({
  region: z.string().regex(/^\d{6}$/),
  from: z.iso.date(),
  /** The contracted work banned (any of them). */
  scopes: z.array(z.string().min(1).max(20)).min(1),
  /**
   * The mine kinds the ban is for. A rule stored before this field read as the non-coal mines it was
   * written for (原平第20条: 非煤矿山).
   */
  mineKinds: z
    .array(z.string().min(1).max(20))
    .min(1)
    .default([...NON_COAL_MINING_KINDS]),
  /** The statuses it applies in (原平第20条: 正常生产 = 生产). */
  statuses: z.array(z.string().min(1).max(20)).min(1).default(['生产']),
  /** Scopes whose holder is exempt: 原平第20条 "委托具备相应条件的企业整体管理". */
  exemptScopes: z.array(z.string().min(1).max(20)).default(['整体管理']),
  source: z.string().min(1).max(200),
});
export type RegionalContractorBan = z.infer<typeof RegionalContractorBanSchema>;

export const ContractorRulesSchema = z.strictObject({
  constructionUndergroundMax: z.number().int().min(0).max(20),
  producingLargeMediumMax: z.number().int().min(0).max(20),
  producingSmallMax: z.number().int().min(0).max(20),
  regional: z.array(RegionalContractorBanSchema).max(100),
});
export type ContractorRules = z.infer<typeof ContractorRulesSchema>;
export const defaultContractorRules: ContractorRules = {
  constructionUndergroundMax: 3,
  producingLargeMediumMax: 2,
  producingSmallMax: 1,
  regional: [
    {
      region: '140981',
      from: '2025-01-01',
      scopes: ['采掘', '剥离'],
      mineKinds: [...NON_COAL_MINING_KINDS],
      statuses: ['生产'],
      exemptScopes: ['整体管理'],
      source:
        '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条 (正常生产的非煤矿山…自 2025 年起，严禁将采掘（剥）工程外包; 委托具备相应条件的企业整体管理的除外)',
    },
  ],
};

/**
 * The majors accepted for each post (主体专业): 五职矿长 "必须有主体专业大专以上学历", 五科 "必须为主体专业毕业"
 * (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1、2条). No
 * text lists the majors of each post: the lists are minewatch defaults (setting accountability.postMajors,
 * UNVERIFIED); a registered major matches when it contains one of them (采矿工程 contains 采矿).
 */
export const PostMajorsSchema = z
  .array(
    z.strictObject({
      post: z.string().min(1).max(20),
      majors: z.array(z.string().trim().min(1).max(40)).min(1).max(30),
    }),
  )
  .max(30);
export type PostMajors = z.infer<typeof PostMajorsSchema>;
export const defaultPostMajors: PostMajors = [
  { post: '矿长', majors: ['采矿', '安全', '地质', '机电', '通风', '矿物加工', '矿井建设'] },
  { post: '总工程师', majors: ['采矿', '地质', '安全', '通风', '矿井建设'] },
  { post: '安全副矿长', majors: ['安全', '采矿', '通风'] },
  { post: '生产副矿长', majors: ['采矿', '安全', '矿井建设'] },
  { post: '机电副矿长', majors: ['机电', '电气', '机械', '自动化'] },
  { post: '采矿技术人员', majors: ['采矿', '矿井建设'] },
  { post: '地质技术人员', majors: ['地质', '水文'] },
  { post: '测量技术人员', majors: ['测量', '测绘'] },
  { post: '机电技术人员', majors: ['机电', '电气', '机械', '自动化'] },
  { post: '通风技术人员', majors: ['通风', '安全'] },
];

export interface ComplianceMine {
  id: string;
  kind: string;
  scale: string;
  status: string;
  countyCode: string;
}
export interface CompliancePerson {
  id: string;
  name: string;
  roles: string[];
  education: string | null;
  miningYears: number | null;
  /** 主体专业 as registered (null when not registered). */
  major: string | null;
  certificates: { kind: string; number: string; issuedOn: string | null; expiresOn: string }[];
  /** Other mines where the same person (by ID number) is active. */
  alsoAt: string[];
}
export interface ComplianceStaff {
  id: string;
  name: string;
  role: string;
  employment: string;
  education: string | null;
  relatedMajor: boolean;
  title: string | null;
  /** How many other mines the same person (by ID number) serves at, as staff or as the mine's people. */
  alsoAt: number;
}
export interface ComplianceContractor {
  id: string;
  name: string;
  scopes: string[];
  startsOn: string;
  endsOn: string | null;
  staff: ComplianceStaff[];
}

/** The "三员" an excavation contractor sends to its 项目部 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条). */
export const PROJECT_STAFF_REQUIRED = ['项目负责人', '技术人员', '特种作业人员'] as const;
/** 矿山相关专业中专以上学历 or 中级以上职称 for the 项目负责人 and 技术人员 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条). */
export const PROJECT_STAFF_EDUCATION = ['中专', '大专', '本科', '研究生'] as const;
export const PROJECT_STAFF_TITLES = ['中级', '高级'] as const;
const QUALIFIED_ROLES = ['项目负责人', '技术人员'];
const EXCAVATION = ['采掘', '掘进'];

export type Finding = {
  rule: string;
  message: string;
  source: string;
  /** The major-hazard criterion it matches (a hazard candidate), if any. */
  criterion: string | null;
  subject: string;
};

const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;

export function checkPeople(
  mine: ComplianceMine,
  people: CompliancePerson[],
  date: string,
  /** Certificate numbers (kind|number) held at other mines' active people. */
  certificatesElsewhere: Set<string>,
  postMajors: PostMajors = defaultPostMajors,
): Finding[] {
  const out: Finding[] = [];
  const underground = UNDERGROUND.includes(mine.kind);
  if (underground) {
    out.push(...checkMajors(people, postMajors));
  }
  const holding = (role: string) => people.filter((p) => p.roles.includes(role));
  const metal = mine.kind === '金属非金属地下矿山';
  if (underground) {
    for (const post of FIVE_POSTS) {
      const held = holding(post);
      if (held.length === 0) {
        out.push({
          rule: '五职矿长配备',
          message: `未配备${post}`,
          source:
            '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1条; 《金属非金属矿山重大事故隐患判定标准》(矿安〔2022〕88号) 地下(三十二)',
          criterion: metal ? '地下(三十二)' : null,
          subject: post,
        });
        continue;
      }
      for (const p of held) {
        if (!COLLEGE.includes(p.education ?? '') || (p.miningYears ?? 0) < FIVE_POSTS_YEARS) {
          out.push({
            rule: '五职矿长任职条件',
            message: `${post} ${p.name}: 学历 ${p.education ?? '未登记'}, 矿山从业 ${p.miningYears ?? '未登记'} 年 (须大专以上且 10 年以上)`,
            source:
              '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1条',
            criterion: null,
            subject: p.id,
          });
        }
      }
    }
    for (const tech of FIVE_TECHNICIANS) {
      const held = holding(tech);
      if (held.length === 0) {
        out.push({
          rule: '五科技术人员配备',
          message: `未配备${tech}`,
          source:
            '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条; 《金属非金属矿山重大事故隐患判定标准》(矿安〔2022〕88号) 地下(三十二)',
          criterion: metal && CRITERION_TECHNICIANS.includes(tech) ? '地下(三十二)' : null,
          subject: tech,
        });
        continue;
      }
      for (const p of held) {
        if ((p.miningYears ?? 0) < FIVE_TECHNICIANS_YEARS) {
          out.push({
            rule: '五科技术人员任职条件',
            message: `${tech} ${p.name}: 矿山从业 ${p.miningYears ?? '未登记'} 年 (须 5 年以上)`,
            source:
              '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第2条',
            criterion: null,
            subject: p.id,
          });
        }
      }
    }
  }
  const since = yearBefore(date);
  for (const p of people) {
    const trained = p.certificates.some(
      (c) => c.kind.includes('培训') && (c.issuedOn ?? '') >= since,
    );
    if (
      (p.roles.includes('主要负责人') || FIVE_POSTS.some((r) => p.roles.includes(r))) &&
      !trained
    ) {
      out.push({
        rule: '年度安全培训',
        message: `${p.name} (${p.roles.join('、')}): 近 12 个月无安全培训记录`,
        source:
          '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1条 (每年必须接受专门的安全教育培训)',
        criterion: null,
        subject: p.id,
      });
    }
    for (const c of p.certificates) {
      if (c.expiresOn < date) {
        out.push({
          rule: '证书有效期',
          message: `${p.name}: ${c.kind} ${c.number} 已于 ${c.expiresOn} 过期`,
          source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条 (特种作业人员持证上岗)',
          criterion: null,
          subject: p.id,
        });
      }
      if (certificatesElsewhere.has(`${c.kind}|${c.number}`)) {
        out.push({
          rule: '证件异常',
          message: `${p.name}: ${c.kind} ${c.number} 同时登记在其他矿山`,
          source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条 (证件查询和异常比对)',
          criterion: null,
          subject: p.id,
        });
      }
    }
    if (
      underground &&
      p.roles.includes('特种作业人员') &&
      BELOW_HIGH_SCHOOL.includes(p.education ?? '') &&
      p.certificates.some((c) => c.kind.includes('特种作业') && (c.issuedOn ?? '') >= '2024-01-01')
    ) {
      out.push({
        rule: '特种作业人员文化程度',
        message: `${p.name}: 首次取证的地下矿山特种作业人员须高中以上文化程度 (登记为 ${p.education ?? ''})`,
        source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条',
        criterion: null,
        subject: p.id,
      });
    }
    if (
      p.alsoAt.length > 0 &&
      (FIVE_POSTS.some((r) => p.roles.includes(r)) || p.roles.includes('主要负责人'))
    ) {
      out.push({
        rule: '人员兼职',
        message: `${p.name}: 同时在其他 ${p.alsoAt.length} 座矿山任职`,
        source:
          '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1条 (专职矿长); 《金属非金属矿山重大事故隐患判定标准》(矿安〔2022〕88号) 解读, 地下(三十二) (每个独立生产系统配齐五职矿长)',
        criterion: null,
        subject: p.id,
      });
    }
  }
  return out;
}

const activeOn = (c: ComplianceContractor, date: string) =>
  c.startsOn <= date && (c.endsOn === null || c.endsOn >= date);

export function checkContractors(
  mine: ComplianceMine,
  contractors: ComplianceContractor[],
  date: string,
  rules: ContractorRules,
): Finding[] {
  const out: Finding[] = [];
  const active = contractors.filter((c) => activeOn(c, date));
  const underground = UNDERGROUND.includes(mine.kind);
  const limited = LIMITED_KINDS.includes(mine.kind);
  const metal = mine.kind === '金属非金属地下矿山';
  const limit = (n: number, max: number, what: string, source: string) => {
    if (n > max) {
      out.push({
        rule: '承包单位数量',
        message: `${what}承包单位 ${n} 家, 超过 ${max} 家`,
        source,
        criterion: metal ? '地下(二十八)' : null,
        subject: mine.id,
      });
    }
  };
  if (limited && mine.status === '建设') {
    limit(
      active.filter((c) => c.scopes.includes('掘进') || c.scopes.includes('建设施工')).length,
      rules.constructionUndergroundMax,
      '基建期掘进工程',
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)4 (地下基建矿山掘进工程承包单位不得超过 3 家)',
    );
  }
  if (limited && mine.status === '生产') {
    const n = active.filter((c) => c.scopes.includes('采掘') || c.scopes.includes('掘进')).length;
    if (mine.scale === '小型') {
      limit(
        n,
        rules.producingSmallMax,
        '小型生产矿山采掘',
        '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条 (小型地下生产矿山不得超过 1 家)',
      );
    } else {
      limit(
        n,
        rules.producingLargeMediumMax,
        '大中型生产矿山采掘',
        '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)4 (不得超过 2 家)',
      );
    }
  }
  for (const c of active) {
    if (underground && c.scopes.includes('爆破')) {
      out.push({
        rule: '爆破作业外包',
        message: `${c.name}: 地下矿山严禁将爆破作业专项外包`,
        source:
          '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条',
        criterion: metal ? '地下(二十八)' : null,
        subject: c.id,
      });
    }
    out.push(...checkProjectStaff(c, underground, metal));
    for (const r of rules.regional) {
      const hit = bannedScopes(r, mine, c, date);
      if (hit.length > 0) {
        out.push({
          rule: '地区外包禁令',
          message: `${c.name}: 自 ${r.from} 起本地区${mine.status}的${mine.kind}严禁将${hit.join('、')}工程外包`,
          source: r.source,
          criterion: null,
          subject: c.id,
        });
      }
    }
  }
  return out;
}

/**
 * The banned work a contractor does at a mine under a regional ban: none outside the ban's region, before
 * its date, at a mine of another kind or status, or when the contractor is entrusted with the whole mine
 * (an exempt scope).
 */
function bannedScopes(
  r: RegionalContractorBan,
  mine: ComplianceMine,
  c: ComplianceContractor,
  date: string,
): string[] {
  const inRegion = mine.countyCode.startsWith(r.region.replace(/(00)+$/, ''));
  if (
    !inRegion ||
    date < r.from ||
    !r.mineKinds.includes(mine.kind) ||
    !r.statuses.includes(mine.status) ||
    c.scopes.some((s) => r.exemptScopes.includes(s))
  ) {
    return [];
  }
  return r.scopes.filter((s) => c.scopes.includes(s));
}

/**
 * One contractor's 项目部 against 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条 (地下(二十八)2 at metal underground mines).
 */
function checkProjectStaff(
  c: ComplianceContractor,
  underground: boolean,
  metal: boolean,
): Finding[] {
  const out: Finding[] = [];
  const source =
    '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; 《金属非金属矿山重大事故隐患判定标准》(矿安〔2022〕88号) 地下(二十八)2';
  const criterion = metal ? '地下(二十八)' : null;
  if (underground && c.scopes.some((s) => EXCAVATION.includes(s))) {
    const missing = PROJECT_STAFF_REQUIRED.filter((r) => !c.staff.some((s) => s.role === r));
    if (missing.length > 0) {
      out.push({
        rule: '承包项目部人员配备',
        message: `${c.name}: 项目部未派出${missing.join('、')}`,
        source,
        criterion,
        subject: c.id,
      });
    }
  }
  for (const s of c.staff) {
    if (s.employment !== '正式职工') {
      out.push({
        rule: '承包项目部人员用工',
        message: `${c.name} ${s.role} ${s.name}: ${s.employment}, 须为承包单位正式职工`,
        source,
        criterion,
        subject: s.id,
      });
    }
    if (!QUALIFIED_ROLES.includes(s.role)) {
      continue;
    }
    const educated =
      s.relatedMajor && (PROJECT_STAFF_EDUCATION as readonly string[]).includes(s.education ?? '');
    const titled = (PROJECT_STAFF_TITLES as readonly string[]).includes(s.title ?? '');
    if (!educated && !titled) {
      out.push({
        rule: '承包项目部人员任职条件',
        message: `${c.name} ${s.role} ${s.name}: 学历 ${s.education ?? '未登记'}${s.relatedMajor ? '' : ' (非矿山相关专业)'}, 职称 ${s.title ?? '无'} (须矿山相关专业中专以上或中级以上职称)`,
        source,
        criterion,
        subject: s.id,
      });
    }
    if (s.alsoAt > 0) {
      out.push({
        rule: '承包项目部人员兼职',
        message: `${c.name} ${s.role} ${s.name}: 同时在其他 ${s.alsoAt} 座矿山任职`,
        source,
        criterion,
        subject: s.id,
      });
    }
  }
  return out;
}

/**
 * 主体专业 of the 五职 and 五科 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1、2条):
 * each holder of a post in postMajors has a registered major that contains one of the post's majors.
 */
function checkMajors(people: CompliancePerson[], postMajors: PostMajors): Finding[] {
  const out: Finding[] = [];
  for (const { post, majors } of postMajors) {
    for (const p of people.filter((x) => x.roles.includes(post))) {
      const five = (FIVE_POSTS as readonly string[]).includes(post);
      const source = five
        ? '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1条 (“五职”矿长必须具有主体专业大专及以上学历)'
        : '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第2条 (“五科”专业技术人员必须为主体专业毕业)';
      if (p.major === null || p.major.trim() === '') {
        out.push({
          rule: '主体专业',
          message: `${post} ${p.name}: 主体专业未登记`,
          source,
          criterion: null,
          subject: p.id,
        });
      } else if (!majors.some((m) => (p.major ?? '').includes(m))) {
        out.push({
          rule: '主体专业',
          message: `${post} ${p.name}: 主体专业 ${p.major} 与岗位不符 (应为${majors.join('、')}类专业)`,
          source,
          criterion: null,
          subject: p.id,
        });
      }
    }
  }
  return out;
}
