/**
 * @module The mine table's columns as they appear in import and export files (Chinese headers; the
 * English field name is accepted as a header too).
 */
import type { MineResponse } from '../../../shared/registry.schemas.ts';
import { tailingsGradeNames } from '../../../shared/tailings-grade.ts';
import type { ExportColumn } from '../../platform/tabular/write-table.ts';

type CellKind = 'text' | 'number' | 'date' | 'bool';

/** A mine attribute read from an import file. */
export interface MineImportColumn {
  header: string;
  field: string;
  kind: CellKind;
}

export const mineImportColumns: MineImportColumn[] = [
  { header: '矿山名称', field: 'name', kind: 'text' },
  { header: '统一社会信用代码', field: 'enterpriseCreditCode', kind: 'text' },
  { header: '企业名称', field: 'enterpriseName', kind: 'text' },
  { header: '县级行政区划代码', field: 'countyCode', kind: 'text' },
  { header: '矿山类型', field: 'kind', kind: 'text' },
  { header: '规模', field: 'scale', kind: 'text' },
  { header: '状态', field: 'status', kind: 'text' },
  { header: '状态起始日期', field: 'statusSince', kind: 'date' },
  { header: '标准化等级', field: 'standardizationLevel', kind: 'text' },
  { header: '标准化定级日期', field: 'standardizationDate', kind: 'date' },
  { header: '经度', field: 'longitude', kind: 'number' },
  { header: '纬度', field: 'latitude', kind: 'number' },
  { header: '开采深度(m)', field: 'depthM', kind: 'number' },
  { header: '同时生产水平数', field: 'productionLevels', kind: 'number' },
  { header: '设计生产能力(t/a)', field: 'designCapacityTpa', kind: 'number' },
  { header: '井下定员', field: 'approvedUndergroundStaff', kind: 'number' },
  { header: '水文地质类型', field: 'hydrogeologyType', kind: 'text' },
  { header: '边坡高度(m)', field: 'slopeHeightM', kind: 'number' },
  { header: '排土场堆置高度(m)', field: 'dumpHeightM', kind: 'number' },
  { header: '全库容(万m³)', field: 'tailingsVolume10kM3', kind: 'number' },
  { header: '坝高(m)', field: 'tailingsDamHeightM', kind: 'number' },
  { header: '排尾方式', field: 'tailingsStacking', kind: 'text' },
  { header: '头顶库', field: 'tailingsOverhead', kind: 'bool' },
  { header: '最近排尾日期', field: 'tailingsLastDischarge', kind: 'date' },
  { header: '煤矿编码', field: 'coalCode', kind: 'text' },
  { header: '重点作业机械化完成日期', field: 'mechanizedOn', kind: 'date' },
  { header: '在线视频监控建成日期', field: 'videoMonitoredOn', kind: 'date' },
  { header: '安全管理信息化建成日期', field: 'informatizedOn', kind: 'date' },
  { header: '采矿许可证号', field: 'miningLicenceNumber', kind: 'text' },
  { header: '采矿许可证发证日期', field: 'miningLicenceIssuedOn', kind: 'date' },
  { header: '采矿许可证有效期至', field: 'miningLicenceExpiresOn', kind: 'date' },
  { header: '安全生产许可证号', field: 'safetyLicenceNumber', kind: 'text' },
  { header: '安全生产许可证发证日期', field: 'safetyLicenceIssuedOn', kind: 'date' },
  { header: '安全生产许可证有效期至', field: 'safetyLicenceExpiresOn', kind: 'date' },
];

function licence(m: MineResponse, kind: string) {
  return m.licences.find((l) => l.kind === kind);
}

const direct = new Set(mineImportColumns.map((c) => c.field));

/** Export columns: the import columns (so an export can be edited and re-imported) plus computed ones. */
export const mineExportColumns: ExportColumn<MineResponse>[] = [
  { header: 'ID', value: (m) => m.id },
  ...mineImportColumns.map<ExportColumn<MineResponse>>((c) => ({
    header: c.header,
    value: (m) => {
      switch (c.field) {
        case 'enterpriseCreditCode':
          return m.enterpriseCreditCode;
        case 'enterpriseName':
          return m.enterpriseName;
        case 'miningLicenceNumber':
          return licence(m, '采矿许可证')?.number;
        case 'miningLicenceIssuedOn':
          return licence(m, '采矿许可证')?.issuedOn;
        case 'miningLicenceExpiresOn':
          return licence(m, '采矿许可证')?.expiresOn;
        case 'safetyLicenceNumber':
          return licence(m, '安全生产许可证')?.number;
        case 'safetyLicenceIssuedOn':
          return licence(m, '安全生产许可证')?.issuedOn;
        case 'safetyLicenceExpiresOn':
          return licence(m, '安全生产许可证')?.expiresOn;
        default:
          return direct.has(c.field)
            ? (m[c.field as keyof MineResponse] as string | number | boolean | null)
            : undefined;
      }
    },
  })),
  { header: '县名称', value: (m) => m.countyName },
  // Set by a passed 隐蔽致灾因素普查 (modules/surveys), so exported but never imported.
  { header: '灾害防治等级', value: (m) => m.disasterGrade },
  {
    header: '尾矿库等别',
    value: (m) => (m.tailingsGrade ? tailingsGradeNames[m.tailingsGrade - 1] : null),
  },
];
