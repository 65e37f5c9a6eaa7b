/**
 * @module The field lists of the national coal upload files, as data: for each file type its header
 * segment and its record's fields, in order, each with its name in the standard's words, the key used in
 * code and the kind of value. The parser, the writer, the typed records (coal.records.ts) and the test
 * fixtures are all driven by these lists. Source: MT/T 1201.1-2023 and MT/T 1201.3-2023 (煤安监办〔2019〕
 * 42号 附件1/附件2), as REFERENCE §B6 gives them from public code that writes and reads the files (the
 * standard's text was NOT FOUND: every layout is `verified: false`; docs/sources.md#mt-t-1201).
 */
import type { CoalCodeTableName } from './coal.catalogue.ts';

/** The kinds of value a field holds. */
export type FieldKind =
  /** Free text; '' when empty (allowed only when the field is optional). */
  | 'text'
  /** An identifier (测点编码, 分站编码): free text that may not be empty. */
  | 'code'
  /** A fixed number of decimal digits (煤矿编码 12, 人员卡编码 17, 区域编码 16, 基站编码 22). */
  | 'digits'
  /** A decimal number: `-?digits(.digits)?`. */
  | 'number'
  /** A non-negative integer. */
  | 'int'
  /** A Beijing wall-clock time `yyyy-MM-dd HH:mm:ss`, held as epoch milliseconds. */
  | 'time'
  /** A calendar date `yyyy-MM-dd`. */
  | 'date'
  /** A code of one of the catalogue's tables. */
  | 'enum'
  /** The 测点状态 bit set. */
  | 'flags'
  /** A 传感器类型 code (four digits in one of the catalogue's ranges). */
  | 'sensorType'
  /** The 传感器关联关系 groups. */
  | 'relations';

/** One field of a header or a record. */
export interface FieldSpec {
  /** Key in the typed record. */
  readonly key: string;
  /** Name in the standard's words; problems name the field by it. */
  readonly name: string;
  readonly kind: FieldKind;
  /** May be empty (then null, or '' for text, [] for relations). */
  readonly optional?: boolean;
  /** For `enum`: the catalogue table. */
  readonly table?: CoalCodeTableName;
  /** For `digits`: how many. */
  readonly length?: number;
  /** For `digits`: the code begins with the file's 煤矿编码 (codes nest: card = mine + 5, …). */
  readonly minePrefix?: boolean;
}

/** One file type: its header and record fields and where they come from. */
export interface CoalLayout {
  readonly type: string;
  readonly title: string;
  readonly source: string;
  readonly verified: boolean;
  readonly note: string;
  readonly header: readonly FieldSpec[];
  readonly fields: readonly FieldSpec[];
}

const mineCode = { key: 'mineCode', name: '煤矿编码', kind: 'digits', length: 12 } as const;
const mineName = { key: 'mineName', name: '煤矿名称', kind: 'text', optional: true } as const;

/** Header of the real-time and definition files other than CDDY and RYXX. */
const plainHeader = [
  mineCode,
  mineName,
  { key: 'uploadedAt', name: '数据上传时间', kind: 'time' },
] as const;

const dataTime = { key: 'time', name: '数据时间', kind: 'time' } as const;
const pointCode = { key: 'pointCode', name: '测点编码', kind: 'code' } as const;
const sensorTypeName = {
  key: 'sensorTypeName',
  name: '传感器类型名称',
  kind: 'text',
  optional: true,
} as const;
const location = { key: 'location', name: '安装位置', kind: 'text', optional: true } as const;
const unit = { key: 'unit', name: '单位', kind: 'text', optional: true } as const;
const num = <K extends string, N extends string>(key: K, name: N) =>
  ({ key, name, kind: 'number', optional: true }) as const;
const time = <K extends string, N extends string>(key: K, name: N) =>
  ({ key, name, kind: 'time', optional: true }) as const;
const xyz = [num('x', 'X'), num('y', 'Y'), num('z', 'Z')] as const;
const cardCode = {
  key: 'cardCode',
  name: '人员卡编码',
  kind: 'digits',
  length: 17,
  minePrefix: true,
} as const;
const stationCode = {
  key: 'stationCode',
  name: '基站编码',
  kind: 'digits',
  length: 22,
  minePrefix: true,
} as const;
const yesNo = <K extends string, N extends string>(key: K, name: N) =>
  ({ key, name, kind: 'enum', table: 'yesNo', optional: true }) as const;

const M1 = 'MT/T 1201.1-2023 安全监控 (煤安监办〔2019〕42号 附件1)';
const M3 = 'MT/T 1201.3-2023 井下人员位置 (煤安监办〔2019〕42号 附件2)';
const AS_CODE =
  'Field list as REFERENCE §B6 gives it from public code; the standard text NOT FOUND.';

/** Every file type's layout. */
export const coalLayouts = {
  CDDY: {
    type: 'CDDY',
    title: '测点定义',
    source: M1,
    verified: false,
    note: `${AS_CODE} A writer and a reader agree on the 24 columns and their order. The header's date (the 6th segment) has no known meaning.`,
    header: [
      mineCode,
      mineName,
      { key: 'systemModel', name: '系统型号', kind: 'text', optional: true },
      { key: 'systemName', name: '系统名称', kind: 'text', optional: true },
      { key: 'maker', name: '生产厂家', kind: 'text', optional: true },
      { key: 'date', name: '日期', kind: 'date' },
      { key: 'uploadedAt', name: '上传时间', kind: 'time' },
    ],
    fields: [
      pointCode,
      { key: 'systemCode', name: '系统编码', kind: 'enum', table: 'systemCode' },
      { key: 'substationCode', name: '分站编码', kind: 'code' },
      { key: 'sensorType', name: '传感器类型', kind: 'sensorType' },
      { key: 'valueType', name: '数值类型', kind: 'enum', table: 'valueType' },
      { key: 'unit', name: '数值单位', kind: 'text', optional: true },
      num('rangeHigh', '高量程'),
      num('rangeLow', '低量程'),
      num('upperAlarm', '上限报警门限'),
      num('upperAlarmClear', '上限解报门限'),
      num('lowerAlarm', '下限报警门限'),
      num('lowerAlarmClear', '下限解报门限'),
      num('upperPowerOff', '上限断电门限'),
      num('upperPowerOn', '上限复电门限'),
      num('lowerPowerOff', '下限断电门限'),
      num('lowerPowerOn', '下限复电门限'),
      { key: 'onText', name: '开描述', kind: 'text', optional: true },
      { key: 'offText', name: '停描述', kind: 'text', optional: true },
      location,
      ...xyz,
      { key: 'relations', name: '传感器关联关系', kind: 'relations', optional: true },
      dataTime,
    ],
  },
  CDSS: {
    type: 'CDSS',
    title: '实时数据',
    source: M1,
    verified: false,
    note: `${AS_CODE} Switches carry 0/1 and an empty unit.`,
    header: plainHeader,
    fields: [
      pointCode,
      sensorTypeName,
      location,
      { key: 'value', name: '测点值', kind: 'number' },
      unit,
      { key: 'status', name: '测点状态', kind: 'flags' },
      dataTime,
    ],
  },
  YCBJ: {
    type: 'YCBJ',
    title: '异常报警',
    source: M1,
    verified: false,
    note: AS_CODE,
    header: plainHeader,
    fields: [
      pointCode,
      sensorTypeName,
      location,
      unit,
      { key: 'abnormalType', name: '异常类型', kind: 'enum', table: 'abnormalType' },
      { key: 'startTime', name: '开始时间', kind: 'time' },
      time('endTime', '结束时间'),
      num('max', '最大值'),
      time('maxAt', '最大值时刻'),
      num('min', '最小值'),
      time('minAt', '最小值时刻'),
      num('avg', '平均值'),
      { key: 'cause', name: '异常原因', kind: 'text', optional: true },
      { key: 'measures', name: '处理措施', kind: 'text', optional: true },
      time('enteredAt', '录入时间'),
      { key: 'enteredBy', name: '录入人', kind: 'text', optional: true },
      dataTime,
    ],
  },
  TJSJ: {
    type: 'TJSJ',
    title: '统计数据',
    source: M1,
    verified: false,
    note: AS_CODE,
    header: plainHeader,
    fields: [
      pointCode,
      sensorTypeName,
      location,
      unit,
      { key: 'startTime', name: '开始时间', kind: 'time' },
      { key: 'endTime', name: '结束时间', kind: 'time' },
      { key: 'max', name: '最大值', kind: 'number' },
      { key: 'maxAt', name: '最大值时刻', kind: 'time' },
      { key: 'min', name: '最小值', kind: 'number' },
      { key: 'minAt', name: '最小值时刻', kind: 'time' },
      { key: 'avg', name: '平均值', kind: 'number' },
      dataTime,
    ],
  },
  FZDY: {
    type: 'FZDY',
    title: '分站定义',
    source: M1,
    verified: false,
    note: `${AS_CODE} Readers select these six; the file may have more fields (UNVERIFIED).`,
    header: plainHeader,
    fields: [{ key: 'substationCode', name: '分站编码', kind: 'code' }, location, ...xyz, dataTime],
  },
  FZSS: {
    type: 'FZSS',
    title: '分站实时',
    source: M1,
    verified: false,
    note: AS_CODE,
    header: plainHeader,
    fields: [
      { key: 'substationCode', name: '分站编码', kind: 'code' },
      { key: 'runStatus', name: '运行状态', kind: 'enum', table: 'runStatus' },
      { key: 'powerStatus', name: '供电状态', kind: 'enum', table: 'powerStatus' },
      dataTime,
    ],
  },
  RYXX: {
    type: 'RYXX',
    title: '人员信息',
    source: M3,
    verified: false,
    note: `${AS_CODE} REFERENCE lists 卡编码, 姓名, 工种, 职务, 队组, 出生日期, …, 是否矿领导, 是否特种人员; a public reader reads 9 fields (是否矿领导 and 是否特种人员 the 8th and 9th) and a public table puts 学历 after 出生年月. Its header has 8 segments, the upload time last; segments 2–7 are not known by name.`,
    header: [
      mineCode,
      { key: 'header2', name: '文件头第2段', kind: 'text', optional: true },
      { key: 'header3', name: '文件头第3段', kind: 'text', optional: true },
      { key: 'header4', name: '文件头第4段', kind: 'text', optional: true },
      { key: 'header5', name: '文件头第5段', kind: 'text', optional: true },
      { key: 'header6', name: '文件头第6段', kind: 'text', optional: true },
      { key: 'header7', name: '文件头第7段', kind: 'text', optional: true },
      { key: 'uploadedAt', name: '数据上传时间', kind: 'time' },
    ],
    fields: [
      cardCode,
      { key: 'name', name: '姓名', kind: 'text' },
      { key: 'jobKind', name: '工种', kind: 'text', optional: true },
      { key: 'title', name: '职务', kind: 'text', optional: true },
      { key: 'team', name: '队组班组/部门', kind: 'text', optional: true },
      { key: 'birth', name: '出生年月', kind: 'text', optional: true },
      { key: 'education', name: '学历', kind: 'text', optional: true },
      yesNo('isLeader', '是否矿领导'),
      yesNo('isSpecial', '是否特种人员'),
    ],
  },
  RYQY: {
    type: 'RYQY',
    title: '区域',
    source: M3,
    verified: false,
    note: AS_CODE,
    header: plainHeader,
    fields: [
      { key: 'areaType', name: '区域类型', kind: 'text', optional: true },
      { key: 'areaCode', name: '区域编码', kind: 'digits', length: 16, minePrefix: true },
      { key: 'quota', name: '核定人数', kind: 'int' },
      { key: 'areaName', name: '区域名称', kind: 'text' },
    ],
  },
  RYJZ: {
    type: 'RYJZ',
    title: '基站',
    source: M3,
    verified: false,
    note: `${AS_CODE} REFERENCE gives 基站编码; …; 名称. A public reader reads 6 fields with the name second; a public table has X, Y, Z and a location note after it (that order UNVERIFIED).`,
    header: plainHeader,
    fields: [
      stationCode,
      { key: 'stationName', name: '基站名称', kind: 'text' },
      ...xyz,
      { key: 'note', name: '位置注释', kind: 'text', optional: true },
    ],
  },
  RYSS: {
    type: 'RYSS',
    title: '人员实时',
    source: M3,
    verified: false,
    note: `${AS_CODE} 轨迹 is kept as written (基站&时刻 pairs; the separator between pairs is not known).`,
    header: plainHeader,
    fields: [
      cardCode,
      { key: 'name', name: '姓名', kind: 'text' },
      { key: 'inOut', name: '出入井标志', kind: 'enum', table: 'inOutFlag' },
      time('inAt', '入井时刻'),
      time('outAt', '出井时刻'),
      {
        key: 'areaCode',
        name: '区域编码',
        kind: 'digits',
        length: 16,
        minePrefix: true,
        optional: true,
      },
      time('areaAt', '进入区域时刻'),
      { ...stationCode, optional: true },
      time('stationAt', '进入基站时刻'),
      { key: 'shiftMode', name: '劳动组织方式', kind: 'text', optional: true },
      num('distance', '距基站距离'),
      { key: 'workStatus', name: '工作状态', kind: 'text', optional: true },
      yesNo('isLeader', '是否矿领导'),
      yesNo('isSpecial', '是否特种人员'),
      { key: 'track', name: '轨迹', kind: 'text', optional: true },
    ],
  },
  JZSS: {
    type: 'JZSS',
    title: '基站实时',
    source: M3,
    verified: false,
    note: AS_CODE,
    header: plainHeader,
    fields: [
      stationCode,
      { key: 'runStatus', name: '运行状态', kind: 'enum', table: 'runStatus' },
      { key: 'powerStatus', name: '供电状态', kind: 'enum', table: 'powerStatus' },
      dataTime,
    ],
  },
} as const satisfies Record<string, CoalLayout>;

export type CoalFileType = keyof typeof coalLayouts;

/** The file types, in the order of the standard's parts. */
export const coalFileTypes = Object.keys(coalLayouts) as CoalFileType[];

export function isCoalFileType(type: string): type is CoalFileType {
  return Object.hasOwn(coalLayouts, type);
}
