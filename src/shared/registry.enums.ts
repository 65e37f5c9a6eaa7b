/**
 * @module Registry vocabularies. Values are the Chinese domain terms stored in the data and shown to
 * users; keys are the English identifiers used in code.
 */

/** Mine and facility kinds. */
export const MineKind = {
  UndergroundMetal: '金属非金属地下矿山',
  OpenPitMetal: '金属非金属露天矿山',
  WasteDump: '排土场',
  TailingsPond: '尾矿库',
  CoalUnderground: '煤矿井工',
  CoalOpenPit: '露天煤矿',
} as const;
export type MineKind = (typeof MineKind)[keyof typeof MineKind];
export const mineKinds = Object.values(MineKind) as [MineKind, ...MineKind[]];

/** Operating status; every change is kept in the mine's status history. */
export const MineStatus = {
  Construction: '建设',
  Producing: '生产',
  SuspendedForRectification: '停产整顿',
  Stopped: '停工停产',
  Closed: '关闭',
} as const;
export type MineStatus = (typeof MineStatus)[keyof typeof MineStatus];
export const mineStatuses = Object.values(MineStatus) as [MineStatus, ...MineStatus[]];

export const MineScale = { Large: '大型', Medium: '中型', Small: '小型' } as const;
export type MineScale = (typeof MineScale)[keyof typeof MineScale];
export const mineScales = Object.values(MineScale) as [MineScale, ...MineScale[]];

/** 安全生产标准化等级. */
export const StandardizationLevel = {
  Level1: '一级',
  Level2: '二级',
  Level3: '三级',
  None: '未达标',
} as const;
export type StandardizationLevel = (typeof StandardizationLevel)[keyof typeof StandardizationLevel];
export const standardizationLevels = Object.values(StandardizationLevel) as [
  StandardizationLevel,
  ...StandardizationLevel[],
];

/** 水文地质类型. */
export const hydrogeologyTypes = ['简单', '中等', '复杂', '极复杂'] as const;
export type HydrogeologyType = (typeof hydrogeologyTypes)[number];

export const LicenceKind = { Mining: '采矿许可证', SafetyProduction: '安全生产许可证' } as const;
export type LicenceKind = (typeof LicenceKind)[keyof typeof LicenceKind];
export const licenceKinds = Object.values(LicenceKind) as [LicenceKind, ...LicenceKind[]];

/** 尾矿库 wet or dry stacking. */
export const tailingsStackings = ['湿排', '干排'] as const;
export type TailingsStacking = (typeof tailingsStackings)[number];

/**
 * Roles of people at a mine. 五职矿长 = 矿长、总工程师、安全副矿长、生产副矿长、机电副矿长 (《原平市矿山企业安全生产治本攻坚三年行动实施方案》
 * 第1条 requires 大专及以上 and 10 years for them); 五科 = the five technical specialities.
 */
export const personRoles = [
  '主要负责人',
  '实际控制人',
  '矿长',
  '总工程师',
  '安全副矿长',
  '生产副矿长',
  '机电副矿长',
  '采矿技术人员',
  '地质技术人员',
  '测量技术人员',
  '机电技术人员',
  '通风技术人员',
  '安全管理人员',
  '安全工程师',
  '特种作业人员',
] as const;
export type PersonRole = (typeof personRoles)[number];

export const educationLevels = ['初中及以下', '高中/中专', '大专', '本科', '研究生'] as const;
export type EducationLevel = (typeof educationLevels)[number];

/**
 * Work a contractor (承包单位) may be engaged for. 剥离 is the open pits' 采剥 (《原平市矿山企业安全生产治本攻坚三年行动实施方案》
 * 第20条 "采掘（剥）"); 整体管理 is a qualified enterprise entrusted with running the whole mine (第20条
 * "委托具备相应条件的企业整体管理"), which is not the outsourcing of 采掘 that article bans.
 */
export const contractorScopes = [
  '掘进',
  '采掘',
  '剥离',
  '爆破',
  '支护',
  '运输',
  '建设施工',
  '整体管理',
  '其他',
] as const;
export type ContractorScope = (typeof contractorScopes)[number];

/**
 * Posts a contractor sends to its 项目部 at a mine: 项目负责人、技术人员、特种作业人员 (the "三员" of
 * 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条) and the 安全生产管理人员 that 矿安〔2022〕88号 地下(二十八)2 also names.
 */
export const contractorStaffRoles = [
  '项目负责人',
  '技术人员',
  '安全生产管理人员',
  '特种作业人员',
] as const;
export type ContractorStaffRole = (typeof contractorStaffRoles)[number];

/**
 * How a contractor's project staff are employed. Only 正式职工 is allowed: 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条
 * ("三员"均不得为临时聘用人员或资质挂靠人员; 取消井下劳务派遣用工).
 */
export const employmentKinds = ['正式职工', '临时聘用', '资质挂靠', '劳务派遣'] as const;
export type EmploymentKind = (typeof employmentKinds)[number];

/**
 * Education of contractor staff. 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条 asks 矿山相关专业中专以上, so 高中 and 中专
 * are told apart.
 */
export const staffEducationLevels = [
  '初中及以下',
  '高中',
  '中专',
  '大专',
  '本科',
  '研究生',
] as const;
export type StaffEducationLevel = (typeof staffEducationLevels)[number];

/** 专业技术职称; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条 accepts 中级以上 instead of the education. */
export const professionalTitles = ['初级', '中级', '高级'] as const;
export type ProfessionalTitle = (typeof professionalTitles)[number];

/** The kinds that are underground workings (used by several rules). */
export const undergroundKinds: readonly MineKind[] = [
  MineKind.UndergroundMetal,
  MineKind.CoalUnderground,
];
