/**
 * @module Enforcement (执法) vocabulary, with the plans' own words as values (issue 7;
 * 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23、29条, 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(九),
 * 《2024年矿山安全生产工作要点》第40–45条; 四不两直 as defined in 2014 by the former 国家安全生产监督管理总局).
 */

/**
 * 检查类型: 常规, 专项, 交叉执法 (under a cross-inspection arrangement), 远程. Whatever the type, an inspection is
 * made 四不两直 (不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场): 《2024年矿山安全生产工作要点》第41条
 * "检查执法一律采取“四不两直”方式开展,所有执法活动不得提前告知矿山企业". 四不两直 is therefore not a type but the
 * default manner, departed from only with a stated reason (AnnouncedReason).
 */
export const InspectionKind = {
  Routine: '常规',
  Special: '专项',
  Cross: '交叉执法',
  Remote: '远程',
} as const;
export type InspectionKind = (typeof InspectionKind)[keyof typeof InspectionKind];
export const inspectionKinds = Object.values(InspectionKind) as [
  InspectionKind,
  ...InspectionKind[],
];

/** 检查方式: 四不两直 by default (第41条 "一律"), 事先告知 only with a reason. */
export const InspectionManner = { Unannounced: '四不两直', Announced: '事先告知' } as const;
export type InspectionManner = (typeof InspectionManner)[keyof typeof InspectionManner];

/**
 * Why an inspection was announced to the mine: a 整改复查 or a 复工复产验收 the mine takes part in, or another
 * reason written out (其他). Every announced inspection states one and is counted as announced.
 */
export const AnnouncedReason = {
  Recheck: '整改复查',
  Resumption: '复工复产验收',
  Other: '其他',
} as const;
export type AnnouncedReason = (typeof AnnouncedReason)[keyof typeof AnnouncedReason];
export const announcedReasons = Object.values(AnnouncedReason) as [
  AnnouncedReason,
  ...AnnouncedReason[],
];

/** A finding is either a major hazard (entered into the hazards ledger) or a general violation. */
/**
 * What an inspection found. 无证上岗 (a special operator working without a valid certificate) orders the
 * mine into 停产整顿 through the registry: 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第2条 "凡是特种作业人员无证上岗的，
 * 依法限期整改直至停产整顿".
 */
export const FindingKind = {
  MajorHazard: '重大事故隐患',
  Violation: '一般违法行为',
  Unlicensed: '无证上岗',
} as const;
export type FindingKind = (typeof FindingKind)[keyof typeof FindingKind];
export const findingKinds = Object.values(FindingKind) as [FindingKind, ...FindingKind[]];

/** 检查表 item results. */
export const checklistResults = ['符合', '不符合', '不涉及'] as const;
export type ChecklistResult = (typeof checklistResults)[number];

/** Orders given on site: 责令停产整顿, lifted by 复工复产验收. */
export const InspectionOrderKind = { Suspension: '责令停产整顿' } as const;
export type InspectionOrderKind = (typeof InspectionOrderKind)[keyof typeof InspectionOrderKind];
export const inspectionOrderKinds = Object.values(InspectionOrderKind) as [
  InspectionOrderKind,
  ...InspectionOrderKind[],
];

/**
 * 一案双罚: the enterprise and its principal person are each penalised (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条).
 */
export const PenaltyTarget = { Enterprise: '企业', Principal: '主要负责人' } as const;
export type PenaltyTarget = (typeof PenaltyTarget)[keyof typeof PenaltyTarget];
export const penaltyTargets = Object.values(PenaltyTarget) as [PenaltyTarget, ...PenaltyTarget[]];

export const PenaltyStatus = { Decided: '待缴纳', Paid: '已缴纳', Revoked: '已撤销' } as const;
export type PenaltyStatus = (typeof PenaltyStatus)[keyof typeof PenaltyStatus];
export const penaltyStatuses = Object.values(PenaltyStatus) as [PenaltyStatus, ...PenaltyStatus[]];

/**
 * The documents of the one document system: the four enforcement documents (执法文书) opened on an
 * inspection, and the 函告 and 通报 a regulator unit makes from a reached step of an overdue hazard's
 * ladder (《2024年矿山安全生产工作要点》第20条: 对重大事故隐患整改进展缓慢的及时采取函告、通报、约谈、曝光等措施).
 */
export const DocumentTemplate = {
  SiteRecord: '现场检查记录',
  RectifyOrder: '责令限期整改指令书',
  RecheckOpinion: '整改复查意见书',
  PenaltyDecision: '行政处罚决定书',
  HazardLetter: '函告',
  HazardCircular: '通报',
} as const;
export type DocumentTemplate = (typeof DocumentTemplate)[keyof typeof DocumentTemplate];
export const documentTemplates = Object.values(DocumentTemplate) as [
  DocumentTemplate,
  ...DocumentTemplate[],
];
/** The templates opened on an inspection (函告 and 通报 are made from a hazard's ladder step). */
export const inspectionDocumentTemplates = [
  DocumentTemplate.SiteRecord,
  DocumentTemplate.RectifyOrder,
  DocumentTemplate.RecheckOpinion,
  DocumentTemplate.PenaltyDecision,
] as const;
export type InspectionDocumentTemplate = (typeof inspectionDocumentTemplates)[number];
/** The templates made from a hazard's escalation step, by the step's name. */
export const hazardDocumentTemplates = [
  DocumentTemplate.HazardLetter,
  DocumentTemplate.HazardCircular,
] as const;
export type HazardDocumentTemplate = (typeof hazardDocumentTemplates)[number];

/** 草稿 until every member of the inspection team has signed the head revision, then 已签发. */
export const DocumentState = { Draft: '草稿', Issued: '已签发' } as const;
export type DocumentState = (typeof DocumentState)[keyof typeof DocumentState];
export const documentStates = Object.values(DocumentState) as [DocumentState, ...DocumentState[]];

/** 智能提醒 of a document: a required field empty, a team member yet to sign, a deadline near or passed. */
export const documentReminderKinds = ['missing', 'unsigned', 'deadline', 'overdue'] as const;
export type DocumentReminderKind = (typeof documentReminderKinds)[number];

/**
 * The flags of enforcement appraisal (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条: 对“零处罚”
 * “只检查不处罚”等工作不力…的地区进行约谈通报).
 */
export const EnforcementFlag = { ZeroPenalty: '零处罚', InspectOnly: '只检查不处罚' } as const;
export type EnforcementFlag = (typeof EnforcementFlag)[keyof typeof EnforcementFlag];
export const enforcementFlagValues = Object.values(EnforcementFlag) as [
  EnforcementFlag,
  ...EnforcementFlag[],
];
