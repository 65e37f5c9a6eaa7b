/**
 * @module Request and response schemas of the registry, shared by the server, the web app and the CLI.
 */
import { disasterGrades } from './surveys.ts';
import { z } from 'zod';
import { creditCodeProblem, idNumberProblem } from './identifiers.ts';
import { CHINA_RANGE } from './geo.ts';
import {
  MineKind,
  contractorScopes,
  contractorStaffRoles,
  employmentKinds,
  educationLevels,
  hydrogeologyTypes,
  licenceKinds,
  mineKinds,
  mineScales,
  mineStatuses,
  personRoles,
  professionalTitles,
  staffEducationLevels,
  standardizationLevels,
  tailingsStackings,
  undergroundKinds,
} from './registry.enums.ts';
import {
  DateString,
  LongText,
  Name,
  PageQuery,
  QueryBool,
  RegionCode,
  Uuid,
  csvList,
  pageOf,
} from './common.schemas.ts';

export const CreditCode = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  })
  .describe('统一社会信用代码 (GB 32100-2015, 含校验码)');

export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  })
  .describe('居民身份证号码 (GB 11643-1999); 存储加密, 仅以脱敏形式返回');

/**
 * 煤矿编码: 12 digits (煤安监办〔2019〕42号 file names; MT/T 1201.1-2023 附录A 编码规范 NOT FOUND, so only the
 * length is checked).
 */
export const CoalMineCode = z
  .string()
  .trim()
  .regex(/^\d{12}$/, '煤矿编码须为12位数字')
  .describe('煤矿编码 (12 位数字)');

// ---------------------------------------------------------------- enterprises

export const EnterpriseCreateInput = z.strictObject({
  creditCode: CreditCode,
  name: Name,
  regionCode: RegionCode.describe('登记所在县级行政区划代码'),
  legalRepresentative: Name.optional(),
  parentCompany: Name.optional().describe('上级公司'),
  address: LongText.optional(),
});
export type EnterpriseCreateInput = z.infer<typeof EnterpriseCreateInput>;

export const EnterpriseUpdateInput = EnterpriseCreateInput.omit({ creditCode: true })
  .partial()
  .extend({ version: z.number().int().positive().optional().describe('乐观锁: 读取时的版本号') });
export type EnterpriseUpdateInput = z.infer<typeof EnterpriseUpdateInput>;

export const EnterpriseResponse = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  legalRepresentative: z.string().nullable(),
  parentCompany: z.string().nullable(),
  address: z.string().nullable(),
  archived: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseResponse = z.infer<typeof EnterpriseResponse>;

export const EnterpriseListQuery = z.strictObject({
  region: RegionCode.optional(),
  q: z.string().trim().max(100).optional(),
  includeArchived: QueryBool.optional(),
  ...PageQuery,
});
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuery>;
export const EnterprisePage = pageOf(EnterpriseResponse);

// ---------------------------------------------------------------- mines

const nonNeg = (max: number) => z.number().finite().min(0).max(max);

const mineAttributes = {
  name: Name,
  enterpriseId: Uuid,
  countyCode: RegionCode.describe('所在县级行政区划代码'),
  kind: z.enum(mineKinds),
  scale: z.enum(mineScales),
  standardizationLevel: z.enum(standardizationLevels),
  standardizationDate: DateString.nullable().optional(),
  longitude: z
    .number()
    .min(CHINA_RANGE.lonMin, '经度须在中国境内 (东经 73–136 度)')
    .max(CHINA_RANGE.lonMax, '经度须在中国境内 (东经 73–136 度)')
    .nullable()
    .optional(),
  latitude: z
    .number()
    .min(CHINA_RANGE.latMin, '纬度须在中国境内 (北纬 3–54 度)')
    .max(CHINA_RANGE.latMax, '纬度须在中国境内 (北纬 3–54 度)')
    .nullable()
    .optional(),
  depthM: nonNeg(5000).nullable().optional().describe('开采深度 (m)'),
  productionLevels: z
    .number()
    .int()
    .min(1)
    .max(20)
    .nullable()
    .optional()
    .describe('同时生产水平数'),
  designCapacityTpa: nonNeg(1e9).nullable().optional().describe('设计生产能力 (t/a)'),
  approvedUndergroundStaff: z
    .number()
    .int()
    .min(0)
    .max(100000)
    .nullable()
    .optional()
    .describe('井下定员'),
  hydrogeologyType: z.enum(hydrogeologyTypes).nullable().optional(),
  slopeHeightM: nonNeg(2000).nullable().optional().describe('边坡高度 (m)'),
  dumpHeightM: nonNeg(2000).nullable().optional().describe('排土场堆置高度 (m)'),
  tailingsVolume10kM3: nonNeg(1e7).nullable().optional().describe('尾矿库全库容 (万m³)'),
  tailingsDamHeightM: nonNeg(1000).nullable().optional().describe('尾矿库坝高 (m)'),
  tailingsStacking: z.enum(tailingsStackings).nullable().optional(),
  tailingsOverhead: z.boolean().nullable().optional().describe('头顶库'),
  tailingsLastDischarge: DateString.nullable().optional().describe('最近一次排尾日期'),
  coalCode: CoalMineCode.nullable()
    .optional()
    .describe('煤矿编码: 上传文件 (MT/T 1201) 所用的 12 位编码'),
  // 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)2–3: the date each was reached (null: not yet).
  mechanizedOn: DateString.nullable().optional().describe('重点作业机械化完成日期'),
  videoMonitoredOn: DateString.nullable().optional().describe('在线视频监控建成日期'),
  informatizedOn: DateString.nullable().optional().describe('安全管理信息化建成日期'),
};

type MineAttrs = Partial<Record<keyof typeof mineAttributes, unknown>>;

/** Which attributes apply to which kind; setting one that does not apply is an error. */
export const attributesByKind: Record<string, readonly (keyof typeof mineAttributes)[]> = {
  [MineKind.UndergroundMetal]: [
    'depthM',
    'productionLevels',
    'designCapacityTpa',
    'approvedUndergroundStaff',
    'hydrogeologyType',
  ],
  [MineKind.CoalUnderground]: [
    'depthM',
    'productionLevels',
    'designCapacityTpa',
    'approvedUndergroundStaff',
    'hydrogeologyType',
    'coalCode',
  ],
  [MineKind.OpenPitMetal]: ['designCapacityTpa', 'slopeHeightM', 'hydrogeologyType'],
  [MineKind.CoalOpenPit]: ['designCapacityTpa', 'slopeHeightM', 'hydrogeologyType', 'coalCode'],
  [MineKind.WasteDump]: ['dumpHeightM'],
  [MineKind.TailingsPond]: [
    'tailingsVolume10kM3',
    'tailingsDamHeightM',
    'tailingsStacking',
    'tailingsOverhead',
    'tailingsLastDischarge',
  ],
};
const kindSpecific = new Set(Object.values(attributesByKind).flat());

/** Checks kind-specific attributes: required ones present, foreign ones absent. */
export function checkMineKindAttributes(
  m: MineAttrs & { kind?: unknown },
  ctx: z.RefinementCtx,
): void {
  const kind = typeof m.kind === 'string' ? m.kind : undefined;
  if (!kind) {
    return;
  }
  const allowed = new Set(attributesByKind[kind] ?? []);
  for (const key of kindSpecific) {
    if (!allowed.has(key) && m[key] !== undefined && m[key] !== null) {
      ctx.addIssue({ code: 'custom', path: [key], message: `不适用于${kind}` });
    }
  }
  if (kind === MineKind.TailingsPond) {
    for (const key of ['tailingsVolume10kM3', 'tailingsDamHeightM'] as const) {
      if (m[key] === undefined || m[key] === null) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: '尾矿库须填写全库容与坝高 (用于计算等别)',
        });
      }
    }
  }
  if (
    undergroundKinds.includes(kind as MineKind) &&
    (m.depthM === undefined || m.depthM === null)
  ) {
    ctx.addIssue({ code: 'custom', path: ['depthM'], message: '地下矿山须填写开采深度' });
  }
}

export const LicenceInput = z
  .strictObject({
    kind: z.enum(licenceKinds),
    number: z.string().trim().min(1).max(80),
    issuedOn: DateString,
    expiresOn: DateString,
  })
  .refine((l) => l.expiresOn > l.issuedOn, {
    path: ['expiresOn'],
    message: '有效期至须晚于发证日期',
  });
export type LicenceInput = z.infer<typeof LicenceInput>;

export const MineCreateInput = z
  .strictObject({
    ...mineAttributes,
    standardizationLevel: mineAttributes.standardizationLevel.default('未达标'),
    status: z.enum(mineStatuses),
    statusSince: DateString.describe('当前状态起始日期'),
    licences: z.array(LicenceInput).max(10).optional(),
  })
  .superRefine(checkMineKindAttributes);
export type MineCreateInput = z.infer<typeof MineCreateInput>;

export const MineUpdateInput = z
  .strictObject({
    ...(Object.fromEntries(
      Object.entries(mineAttributes).map(([k, v]) => [k, (v as z.ZodType).optional()]),
    ) as { [K in keyof typeof mineAttributes]: z.ZodOptional<(typeof mineAttributes)[K]> }),
    version: z.number().int().positive().optional().describe('乐观锁: 读取时的版本号'),
  })
  .refine((m) => Object.keys(m).some((k) => k !== 'version'), { message: '没有要修改的字段' });
export type MineUpdateInput = z.infer<typeof MineUpdateInput>;

/** 复工复产验收: the date the resumption was accepted and the acceptance note. */
export const MineResumptionInput = z.strictObject({ acceptedOn: DateString, note: LongText });

/** Any of a licence's fields (e.g. a renewal's new number and expiry). */
export const LicenceUpdateInput = z.strictObject(LicenceInput.shape).partial();

export const MineStatusChangeInput = z.strictObject({
  status: z.enum(mineStatuses),
  effectiveDate: DateString,
  reason: LongText.describe('变更原因, 如 责令停产整顿 的文书编号'),
});
export type MineStatusChangeInput = z.infer<typeof MineStatusChangeInput>;

export const LicenceResponse = z.object({
  id: z.string(),
  kind: z.enum(licenceKinds),
  number: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
  expired: z.boolean(),
});

export const MineResponse = z.object({
  id: z.string(),
  name: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  enterpriseCreditCode: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  kind: z.enum(mineKinds),
  scale: z.enum(mineScales),
  status: z.enum(mineStatuses),
  statusSince: z.string(),
  standardizationLevel: z.enum(standardizationLevels),
  standardizationDate: z.string().nullable(),
  /** Set by the latest passed 隐蔽致灾因素普查 ("就高不就低"); never edited here. */
  disasterGrade: z.enum(disasterGrades).nullable(),
  /** The free text the registry held before the surveys (kept as written). */
  disasterGradeLegacy: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  depthM: z.number().nullable(),
  productionLevels: z.number().nullable(),
  designCapacityTpa: z.number().nullable(),
  approvedUndergroundStaff: z.number().nullable(),
  hydrogeologyType: z.enum(hydrogeologyTypes).nullable(),
  slopeHeightM: z.number().nullable(),
  dumpHeightM: z.number().nullable(),
  tailingsVolume10kM3: z.number().nullable(),
  tailingsDamHeightM: z.number().nullable(),
  tailingsStacking: z.enum(tailingsStackings).nullable(),
  tailingsOverhead: z.boolean().nullable(),
  tailingsLastDischarge: z.string().nullable(),
  tailingsGrade: z.number().nullable().describe('尾矿库等别 1–5, 由全库容与坝高计算'),
  coalCode: z.string().nullable().describe('煤矿编码 (12 位)'),
  mechanizedOn: z.string().nullable(),
  videoMonitoredOn: z.string().nullable(),
  informatizedOn: z.string().nullable(),
  licences: z.array(LicenceResponse),
  archived: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MineResponse = z.infer<typeof MineResponse>;

export const MineStatusChangeResponse = z.object({
  id: z.number(),
  fromStatus: z.enum(mineStatuses).nullable(),
  toStatus: z.enum(mineStatuses),
  effectiveDate: z.string(),
  reason: z.string(),
  recordedAt: z.string(),
});

export const MineSort = z.enum(['name', '-name', 'updatedAt', '-updatedAt']);

export const MineListQuery = z.strictObject({
  region: RegionCode.optional().describe('行政区划子树'),
  enterpriseId: Uuid.optional(),
  kind: csvList(z.enum(mineKinds)).optional(),
  status: csvList(z.enum(mineStatuses)).optional(),
  scale: csvList(z.enum(mineScales)).optional(),
  standardizationLevel: csvList(z.enum(standardizationLevels)).optional(),
  licenceExpiringWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .describe('证照在N天内到期 (不含已过期)'),
  licenceExpired: QueryBool.optional().describe('有已过期证照'),
  q: z.string().trim().max(100).optional().describe('按矿山或企业名称搜索'),
  includeArchived: QueryBool.optional(),
  sort: MineSort.default('name'),
  ...PageQuery,
});
export type MineListQuery = z.infer<typeof MineListQuery>;
export const MinePage = pageOf(MineResponse);

// ---------------------------------------------------------------- people

export const CertificateInput = z.strictObject({
  kind: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .describe('证书类别, 如 安全生产知识和管理能力考核合格证, 特种作业操作证(爆破作业)'),
  number: z.string().trim().min(1).max(80),
  issuedOn: DateString.nullable().optional(),
  expiresOn: DateString,
});

export const PersonCreateInput = z.strictObject({
  mineId: Uuid,
  name: Name,
  roles: z.array(z.enum(personRoles)).min(1).max(10),
  idNumber: IdNumber,
  education: z.enum(educationLevels).nullable().optional(),
  miningYears: z.number().int().min(0).max(70).nullable().optional().describe('矿山从业年限'),
  major: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .nullable()
    .optional()
    .describe('主体专业 (所学专业), 如 采矿工程'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确')
    .nullable()
    .optional(),
  certificates: z.array(CertificateInput).max(20).optional(),
});
export type PersonCreateInput = z.infer<typeof PersonCreateInput>;

export const PersonUpdateInput = PersonCreateInput.omit({ mineId: true })
  .partial()
  .extend({ version: z.number().int().positive().optional() });
export type PersonUpdateInput = z.infer<typeof PersonUpdateInput>;

export const PersonResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  name: z.string(),
  roles: z.array(z.enum(personRoles)),
  idNumberMasked: z.string(),
  education: z.enum(educationLevels).nullable(),
  miningYears: z.number().nullable(),
  major: z.string().nullable(),
  phone: z.string().nullable(),
  certificates: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      number: z.string(),
      issuedOn: z.string().nullable(),
      expiresOn: z.string(),
      expired: z.boolean(),
    }),
  ),
  archived: z.boolean(),
  version: z.number(),
});
export type PersonResponse = z.infer<typeof PersonResponse>;

export const PersonListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  role: z.enum(personRoles).optional(),
  q: z.string().trim().max(100).optional(),
  includeArchived: QueryBool.optional(),
  ...PageQuery,
});
export type PersonListQuery = z.infer<typeof PersonListQuery>;
export const PersonPage = pageOf(PersonResponse);

// ---------------------------------------------------------------- contractors

export const ContractorCreateInput = z
  .strictObject({
    mineId: Uuid,
    name: Name,
    creditCode: CreditCode,
    scopes: z.array(z.enum(contractorScopes)).min(1).max(10),
    startsOn: DateString,
    endsOn: DateString.nullable().optional(),
  })
  .refine((c) => !c.endsOn || c.endsOn >= c.startsOn, {
    path: ['endsOn'],
    message: '结束日期不能早于开始日期',
  });
export type ContractorCreateInput = z.infer<typeof ContractorCreateInput>;

export const ContractorUpdateInput = z.strictObject({
  name: Name.optional(),
  scopes: z.array(z.enum(contractorScopes)).min(1).max(10).optional(),
  startsOn: DateString.optional(),
  endsOn: DateString.nullable().optional(),
  version: z.number().int().positive().optional(),
});
export type ContractorUpdateInput = z.infer<typeof ContractorUpdateInput>;

export const ContractorResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  name: z.string(),
  creditCode: z.string(),
  scopes: z.array(z.enum(contractorScopes)),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  archived: z.boolean(),
  version: z.number(),
});
export type ContractorResponse = z.infer<typeof ContractorResponse>;

export const ContractorListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  includeArchived: QueryBool.optional(),
  ...PageQuery,
});
export type ContractorListQuery = z.infer<typeof ContractorListQuery>;
export const ContractorPage = pageOf(ContractorResponse);

// ---------------------------------------------------------------- contractor project staff

/** A person a contractor sent to its 项目部 at the mine (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条). */
export const ContractorStaffCreateInput = z.strictObject({
  contractorId: Uuid,
  name: Name,
  role: z.enum(contractorStaffRoles),
  idNumber: IdNumber,
  employment: z
    .enum(employmentKinds)
    .describe('用工形式; 只有正式职工符合西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条'),
  education: z.enum(staffEducationLevels).nullable().optional(),
  relatedMajor: z.boolean().optional().describe('学历是否为矿山相关专业'),
  title: z.enum(professionalTitles).nullable().optional().describe('专业技术职称'),
});
export type ContractorStaffCreateInput = z.infer<typeof ContractorStaffCreateInput>;

export const ContractorStaffUpdateInput = ContractorStaffCreateInput.omit({ contractorId: true })
  .partial()
  .extend({ version: z.number().int().positive().optional() });
export type ContractorStaffUpdateInput = z.infer<typeof ContractorStaffUpdateInput>;

export const ContractorStaffResponse = z.object({
  id: z.string(),
  contractorId: z.string(),
  contractorName: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  name: z.string(),
  role: z.enum(contractorStaffRoles),
  idNumberMasked: z.string(),
  employment: z.enum(employmentKinds),
  education: z.enum(staffEducationLevels).nullable(),
  relatedMajor: z.boolean(),
  title: z.enum(professionalTitles).nullable(),
  archived: z.boolean(),
  version: z.number(),
});
export type ContractorStaffResponse = z.infer<typeof ContractorStaffResponse>;

export const ContractorStaffListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  contractorId: Uuid.optional(),
  includeArchived: QueryBool.optional(),
  ...PageQuery,
});
export type ContractorStaffListQuery = z.infer<typeof ContractorStaffListQuery>;

// ---------------------------------------------------------------- regions

export const RegionListQuery = z.strictObject({
  parent: RegionCode.optional(),
  maxLevel: z.coerce.number().int().min(1).max(3).optional(),
});

export const RegionResponse = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  parentCode: z.string().nullable(),
});
export type RegionResponse = z.infer<typeof RegionResponse>;

// ---------------------------------------------------------------- dashboard summary

export const RegistrySummaryQuery = z.strictObject({
  region: RegionCode.optional().describe('行政区划子树; 省略时为整个管辖范围'),
});

const CountBy = z.array(z.object({ key: z.string(), count: z.number().int() }));

export const LicenceAlert = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  kind: z.enum(licenceKinds),
  number: z.string(),
  expiresOn: z.string(),
});

export const MineBrief = z.object({
  id: z.string(),
  name: z.string(),
  countyName: z.string(),
  kind: z.enum(mineKinds),
  status: z.enum(mineStatuses),
  statusSince: z.string(),
});

export const RegistrySummary = z.object({
  totalMines: z.number().int(),
  byKind: CountBy,
  byStatus: CountBy,
  byScale: CountBy,
  byStandardization: CountBy,
  /** Mine counts per child region of the selected one (cities of a province, counties of a city). */
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  licenceWarningDays: z.number().int(),
  licencesExpiring: z.object({ total: z.number().int(), items: z.array(LicenceAlert) }),
  licencesExpired: z.object({ total: z.number().int(), items: z.array(LicenceAlert) }),
  suspended: z.object({ total: z.number().int(), items: z.array(MineBrief) }),
});
export type RegistrySummary = z.infer<typeof RegistrySummary>;

// ---------------------------------------------------------------- imports

/** How an import writes: every row or none (`all`), or only the valid rows; `dryRun` only checks. */
export const MineImportQuery = z.strictObject({
  mode: z.enum(['all', 'valid-only']).default('all'),
  dryRun: QueryBool.default(false),
});

/** The answer of an import: totals, what was written, and every bad row and field. */
export const MineImportReport = z.object({
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  written: z.number().int(),
  enterprisesCreated: z.number().int(),
  dryRun: z.boolean(),
  errors: z.array(
    z.object({
      row: z.number().int().optional(),
      path: z.string().describe('列名'),
      message: z.string(),
      value: z.unknown().optional(),
    }),
  ),
});
export type MineImportReport = z.infer<typeof MineImportReport>;
