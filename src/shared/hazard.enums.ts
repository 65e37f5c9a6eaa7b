/**
 * @module Vocabularies of the major-hazard database (重大事故隐患数据库).
 */

/** The closed loop: 上报 → 治理 (五落实) → 验收 → 销号. */
export const HazardState = {
  Reported: '已上报',
  Rectifying: '治理中',
  AwaitingAcceptance: '待验收',
  Closed: '已销号',
} as const;
export type HazardState = (typeof HazardState)[keyof typeof HazardState];
export const hazardStates = Object.values(HazardState) as [HazardState, ...HazardState[]];

/** Where a hazard was found. */
export const HazardSource = {
  SelfInspection: '企业自查',
  ParentCompany: '上级公司检查',
  Enforcement: '监管执法检查',
  PublicReport: '举报',
  MonitoringLead: '监测预警/线索',
} as const;
export type HazardSource = (typeof HazardSource)[keyof typeof HazardSource];
export const hazardSources = Object.values(HazardSource) as [HazardSource, ...HazardSource[]];

/** Sources an enterprise may report under; the others are the regulators'. */
export const enterpriseHazardSources: readonly HazardSource[] = [
  HazardSource.SelfInspection,
  HazardSource.ParentCompany,
];

/** The periodic inspections of 《2024年矿山安全生产工作要点》第19条: the mine's monthly one, its parent company's quarterly one. */
export const SelfInspectionKind = {
  Monthly: '月度自查',
  ParentQuarterly: '上级公司季度排查',
} as const;
export type SelfInspectionKind = (typeof SelfInspectionKind)[keyof typeof SelfInspectionKind];
export const selfInspectionKinds = Object.values(SelfInspectionKind) as [
  SelfInspectionKind,
  ...SelfInspectionKind[],
];

/** What an evidence file of a hazard shows: the finding, the rectification, the acceptance. */
export const evidencePurposes = ['发现证据', '整改证据', '验收证据'] as const;
export type EvidencePurpose = (typeof evidencePurposes)[number];

/** The steps of the loop, named for the action. */
export const hazardActions = ['plan', 'submit', 'accept', 'reject'] as const;
export type HazardAction = (typeof hazardActions)[number];

/** Which mine kinds each part of a standard applies to. */
export const criterionPartKinds: Record<string, readonly string[]> = {
  金属非金属地下矿山: ['金属非金属地下矿山'],
  // 矿安〔2022〕88号 二、露天矿山 includes the 排土场 items (二(十一), 二(十三)).
  金属非金属露天矿山: ['金属非金属露天矿山', '排土场'],
  尾矿库: ['尾矿库'],
  煤矿: ['煤矿井工', '露天煤矿'],
};
