/**
 * @module What the demo's hazards say, per kind of mine: the criteria (煤矿: 应急管理部令第4号 第三条; 金属非金属:
 * 矿安〔2022〕88号) that fit that kind, each with findings written as an inspector would for it, and the place
 * where each was found. No 浸润线 at a coal mine, no 瓦斯 at a limestone pit; the words of one kind never
 * turn up at another (demo-hazards.test.ts holds the seed to this with `foreignTerms`).
 */
import { MineKind, type MineKind as Kind } from '../../shared/registry.enums.ts';

/** One finding: what was found and where. */
export type Finding = readonly [description: string, location: string];

export interface DemoCriterion {
  /** The criterion's code in the catalogue (a sub-item where the criterion has them). */
  code: string;
  findings: readonly Finding[];
}

export const demoHazardTexts: Record<Kind, readonly DemoCriterion[]> = {
  [MineKind.CoalUnderground]: [
    {
      code: '煤矿(1)',
      findings: [
        ['3102 综采工作面早班入井 46 人, 超过核定的单班作业人数 35 人', '3102 综采工作面'],
        ['近 3 个月原煤产量超过核定生产能力的 10%', '调度室'],
      ],
    },
    {
      code: '煤矿(2)',
      findings: [
        ['3102 工作面上隅角甲烷浓度达 1.2% 时未停止作业、撤出人员', '3102 工作面上隅角'],
        ['2201 掘进工作面甲烷超限后未断电, 继续掘进作业', '2201 掘进工作面'],
      ],
    },
    {
      code: '煤矿(5)',
      findings: [
        ['2201 掘进工作面局部通风机未实现“三专两闭锁”', '2201 掘进工作面'],
        ['一采区进、回风巷之间的调节风门未设置闭锁装置', '一采区回风巷'],
      ],
    },
    {
      code: '煤矿(6)',
      findings: [
        ['未查明 3105 工作面上方老空区积水范围即开始回采', '3105 工作面'],
        ['探放水钻孔数量和深度少于设计要求', '+850 水平运输大巷'],
      ],
    },
    {
      code: '煤矿(7)',
      findings: [['在批准开采范围以外的 4 号煤层布置巷道采煤', '4 号煤层回风巷']],
    },
    {
      code: '煤矿(9)',
      findings: [
        ['3101 采空区密闭内一氧化碳浓度持续上升, 未采取注氮等防灭火措施', '3101 采空区密闭'],
      ],
    },
    {
      code: '煤矿(10)',
      findings: [['主运输巷仍在使用已明令淘汰的非阻燃输送带', '主斜井皮带巷']],
    },
    {
      code: '煤矿(11)',
      findings: [['矿井一回路电源检修后未及时恢复, 长期单回路供电', '地面 35 kV 变电所']],
    },
    {
      code: '煤矿(13)',
      findings: [['将 2203 掘进工作面以劳务承包方式交由不具备资质的队伍施工', '2203 掘进工作面']],
    },
  ],
  [MineKind.CoalOpenPit]: [
    {
      code: '煤矿(1)',
      findings: [['上月原煤产量超过核定生产能力月度产量的 10%', '调度室']],
    },
    {
      code: '煤矿(7)',
      findings: [['在批准的露天开采境界以外剥离采煤', '北端帮境界外']],
    },
    {
      code: '煤矿(10)',
      findings: [['剥离平盘仍在使用已明令淘汰的电铲', '+1180 剥离平盘']],
    },
    {
      code: '煤矿(15)',
      findings: [
        ['南帮边坡出现多条纵向裂缝, 未停止下方作业并撤出人员', '南帮边坡'],
        ['采场边坡角大于设计边坡角, 平盘宽度小于设计值', '西帮 +1120 平盘'],
        ['采场最低水平积水, 排水设施能力达不到设计要求', '采场坑底'],
      ],
    },
  ],
  [MineKind.UndergroundMetal]: [
    {
      code: '地下(一)5',
      findings: [
        ['+320 中段安全出口堆放废石, 梯子间踏步损坏', '+320 中段'],
        ['副井梯子间平台锈蚀断裂, 安全出口不畅通', '副井梯子间'],
      ],
    },
    {
      code: '地下(七)1',
      findings: [['主水泵房仅 2 台水泵, 备用泵无法启动', '-120 m 中段主水泵房']],
    },
    {
      code: '地下(十七)',
      findings: [['-60 m 中段 3 号采空区未按设计进行充填处理', '-60 m 中段 3 号采空区']],
    },
    {
      code: '地下(十九)',
      findings: [['+260 中段运输巷破碎带未按设计进行锚喷支护', '+260 中段运输巷']],
    },
    {
      code: '地下(二十)1',
      findings: [['夜班主通风机停止运转约 2 小时, 未报告调度室', '回风井主通风机房']],
    },
    {
      code: '地下(二十一)',
      findings: [['入井人员未随身携带自救器, 部分人员不会正确使用', '主井井口']],
    },
    {
      code: '地下(二十二)1',
      findings: [['主井提升机钢丝绳超过检验周期未检测', '主井提升机房']],
    },
    {
      code: '地下(三十一)',
      findings: [['人员定位系统分站故障 10 天未修复', '-120 m 中段']],
    },
  ],
  [MineKind.OpenPitMetal]: [
    {
      code: '露天(三)',
      findings: [['东采区未按自上而下顺序开采, 在 +1020 台阶下部掏采', '东采区 +1020 台阶']],
    },
    {
      code: '露天(四)',
      findings: [['北帮最终边坡台阶高度 24 m, 超过设计的 15 m', '北帮边坡']],
    },
    {
      code: '露天(六)',
      findings: [['未按规定对采场边坡进行稳定性分析', '采场边坡']],
    },
    {
      code: '露天(八)1',
      findings: [['南帮边坡出现横向及纵向放射状裂缝, 未停止作业', '南帮边坡']],
    },
    {
      code: '露天(九)',
      findings: [['采场运输道路局部坡度达 12%, 大于设计坡度 10% 以上', '采场运输道路']],
    },
    {
      code: '露天(十二)',
      findings: [['+980 至 +1010 台阶之间未按设计设置安全平台', '西帮 +980 台阶']],
    },
  ],
  [MineKind.WasteDump]: [
    {
      code: '露天(六)',
      findings: [['未按规定对排土场边坡进行稳定性分析', '排土场边坡']],
    },
    {
      code: '露天(八)1',
      findings: [['1 号排土场第三台阶边坡出现纵向裂缝, 未停止排土作业', '1 号排土场第三台阶']],
    },
    {
      code: '露天(十一)1',
      findings: [['在坡度大于 1:5 的山坡上顺坡排土, 未按设计修筑阻滑挡墙', '排土场下游坡脚']],
    },
    {
      code: '露天(十一)3',
      findings: [['排土场周边截水沟淤堵, 未按设计修筑排水设施', '排土场东侧截水沟']],
    },
    {
      code: '露天(十三)',
      findings: [['擅自在在用排土场坡脚回采废石', '排土场坡脚']],
    },
  ],
  [MineKind.TailingsPond]: [
    {
      code: '尾矿库(二)2',
      findings: [['初期坝坝顶出现横向裂缝, 长约 8 m', '初期坝坝顶']],
    },
    {
      code: '尾矿库(三)',
      findings: [['3 号堆积子坝外坡比 1:2.5, 陡于设计坡比 1:3', '3 号堆积子坝']],
    },
    {
      code: '尾矿库(七)',
      findings: [['浸润线埋深小于控制浸润线埋深', '堆积坝 2# 浸润线观测孔']],
    },
    {
      code: '尾矿库(八)',
      findings: [['汛前未进行调洪演算, 干滩长度小于设计值', '库区滩面']],
    },
    {
      code: '尾矿库(九)2',
      findings: [['1 号排水井部分堵塞, 排水能力达不到设计要求', '1 号排水井']],
    },
    {
      code: '尾矿库(十三)2',
      findings: [['坝体位移在线监测系统运行不正常, 未及时修复', '坝体监测站']],
    },
  ],
};

/** One finding of a kind of mine with the code of its criterion (one draw of the generator picks it). */
export interface DemoHazardText {
  code: string;
  description: string;
  location: string;
}

/** Every finding of a kind of mine, flattened. */
export function hazardTextsFor(kind: Kind): DemoHazardText[] {
  return demoHazardTexts[kind].flatMap((c) =>
    c.findings.map(([description, location]) => ({ code: c.code, description, location })),
  );
}

/**
 * Words that belong to some kinds of mine only: a hazard at any other kind must not use them (in its
 * criterion, description or location).
 */
export const foreignTerms: readonly { term: string; kinds: readonly Kind[] }[] = [
  { term: '浸润线', kinds: [MineKind.TailingsPond] },
  { term: '尾矿', kinds: [MineKind.TailingsPond] },
  { term: '坝', kinds: [MineKind.TailingsPond] },
  { term: '干滩', kinds: [MineKind.TailingsPond] },
  { term: '瓦斯', kinds: [MineKind.CoalUnderground] },
  { term: '甲烷', kinds: [MineKind.CoalUnderground] },
  { term: '煤', kinds: [MineKind.CoalUnderground, MineKind.CoalOpenPit] },
  { term: '边坡', kinds: [MineKind.CoalOpenPit, MineKind.OpenPitMetal, MineKind.WasteDump] },
  { term: '排土', kinds: [MineKind.CoalOpenPit, MineKind.OpenPitMetal, MineKind.WasteDump] },
  { term: '台阶', kinds: [MineKind.CoalOpenPit, MineKind.OpenPitMetal, MineKind.WasteDump] },
  { term: '井下', kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal] },
  { term: '工作面', kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal] },
  { term: '中段', kinds: [MineKind.UndergroundMetal] },
  { term: '巷', kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal] },
  { term: '提升', kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal] },
  { term: '通风', kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal] },
];
