/**
 * @module The code tables of the national coal upload files (煤安监办〔2019〕42号 → MT/T 1201.1-2023
 * 安全监控, MT/T 1201.3-2023 井下人员位置), as data. Each table names its clause and says whether its
 * wording was seen in the standard: none was — the standard's 附录B 数据字典 was NOT FOUND, and every
 * table here is as public code that writes and reads the files has it (docs/sources.md#mt-t-1201), so
 * each is `verified: false`. The parser takes a catalogue as an argument, so a corrected or completed
 * table (the 传感器类型 table is known only in part) can replace one of these without a code change.
 */

/** One code of a table: the code as written in the file and its meaning. */
export interface CodeEntry {
  /** The code exactly as the file carries it (`001`, `MN`, `1`). */
  code: string;
  /** Its meaning in the standard's words. */
  name: string;
}

/** A code table: its entries, where it comes from and whether that was seen in the standard. */
export interface CodeTable {
  /** The table's name in the standard's words. */
  title: string;
  /** Document and clause. */
  source: string;
  /** True only when the wording was seen in a copy of the standard. */
  verified: boolean;
  /** What is known about it beyond the entries (how it was inferred, what is missing). */
  note?: string;
  entries: readonly CodeEntry[];
}

/** A range of 传感器类型 codes of one kind, with the names known inside it. */
export interface SensorTypeRange {
  /** First and last code of the range, four digits each. */
  from: string;
  to: string;
  /** 数值类型 of the sensors in the range (a 分站 or power supply has none). */
  valueType: 'MN' | 'KG' | 'LJ' | 'DT' | null;
  /** What the range holds. */
  kind: string;
  /** Names of the codes known in the range; the rest are known to exist but not by name. */
  named: readonly CodeEntry[];
}

/** The 传感器类型 table: known only as ranges with some names (the standard's 附录 was NOT FOUND). */
export interface SensorTypeTable {
  title: string;
  source: string;
  verified: boolean;
  note: string;
  ranges: readonly SensorTypeRange[];
}

/** One flag of the 测点状态 bit set. */
export interface StatusFlag {
  /** The flag's value (a power of two; 0 is 正常, no flag set). */
  bit: number;
  /** English key used in code. */
  key:
    | 'normal'
    | 'alarm'
    | 'powerOff'
    | 'calibrating'
    | 'overRange'
    | 'substationFault'
    | 'notPolled'
    | 'paused'
    | 'sensorFault';
  name: string;
}

const B6 = 'MT/T 1201.1-2023 附录B 数据字典 (as in 煤安监办〔2019〕42号)';
const B6_PERSONNEL = 'MT/T 1201.3-2023 附录B 数据字典 (煤安监办〔2019〕42号 附件2)';
const AS_CODE =
  'As public code that writes and reads the files has it (REFERENCE §B6); the standard text NOT FOUND.';

/** Every code table of the upload files. */
export const coalCatalogue = {
  /** 测点状态 of CDSS: a bit set; a value that combines flags is their sum. */
  pointStatus: {
    title: '测点状态',
    source: `${B6} (readers cite 表B.7–B.9)`,
    verified: false,
    note: `${AS_CODE} The values are powers of two, so a value is read as a combination of flags (inferred, not stated).`,
    flags: [
      { bit: 0, key: 'normal', name: '正常' },
      { bit: 1, key: 'alarm', name: '报警' },
      { bit: 2, key: 'powerOff', name: '断电' },
      { bit: 4, key: 'calibrating', name: '标校' },
      { bit: 8, key: 'overRange', name: '超量程' },
      { bit: 16, key: 'substationFault', name: '分站故障' },
      { bit: 32, key: 'notPolled', name: '不巡检' },
      { bit: 64, key: 'paused', name: '暂停' },
      { bit: 128, key: 'sensorFault', name: '传感器故障' },
    ] as const satisfies readonly StatusFlag[],
  },
  /** 异常类型 of YCBJ. */
  abnormalType: {
    title: '异常类型',
    source: `${B6} (readers cite 表B.7–B.9)`,
    verified: false,
    note: AS_CODE,
    entries: [
      { code: '001', name: '超限报警' },
      { code: '002', name: '断电报警' },
      { code: '003', name: '馈电异常' },
      { code: '004', name: '传感器断线' },
      { code: '005', name: '基站断电' },
      { code: '006', name: '基站不通' },
      { code: '007', name: '标校' },
      { code: '008', name: '超量程' },
      { code: '009', name: '超上限预警' },
      { code: '010', name: '超下限预警' },
    ],
  },
  /** 数值类型 of CDDY. */
  valueType: {
    title: '数值类型',
    source: B6,
    verified: false,
    note: AS_CODE,
    entries: [
      { code: 'MN', name: '模拟量' },
      { code: 'KG', name: '开关量' },
      { code: 'LJ', name: '累计量' },
      { code: 'DT', name: '多态量' },
    ],
  },
  /** 系统编码 of CDDY. */
  systemCode: {
    title: '系统编码',
    source: B6,
    verified: false,
    note: AS_CODE,
    entries: [
      { code: '01', name: '安全监控' },
      { code: '02', name: '瓦斯抽放' },
    ],
  },
  /** 传感器关联关系 of CDDY: the letter before each linked point. */
  relationType: {
    title: '传感器关联关系',
    source: B6,
    verified: false,
    note: `${AS_CODE} Written like K-<测点编码>-<名称>:D-<测点编码>, groups separated by ◇; the grammar is inferred from examples.`,
    entries: [
      { code: 'B', name: '闭锁' },
      { code: 'G', name: '关联风门' },
      { code: 'K', name: '控制' },
      { code: 'H', name: '保护' },
      { code: 'Z', name: '主备' },
      { code: 'D', name: '断电' },
      { code: 'T', name: '调节' },
    ],
  },
  /** 运行状态 of FZSS (分站) and, as readers treat it, of JZSS (基站). */
  runStatus: {
    title: '运行状态',
    source: `${B6}; for JZSS ${B6_PERSONNEL}`,
    verified: false,
    note: `${AS_CODE} That JZSS uses the same codes is what readers accept (0, 1, 2, 9), not a stated rule.`,
    entries: [
      { code: '0', name: '通信正常' },
      { code: '1', name: '通信中断' },
      { code: '2', name: '故障' },
      { code: '9', name: '未知' },
    ],
  },
  /** 供电状态 of FZSS and JZSS. */
  powerStatus: {
    title: '供电状态',
    source: `${B6}; for JZSS ${B6_PERSONNEL}`,
    verified: false,
    note: AS_CODE,
    entries: [
      { code: '0', name: '直流' },
      { code: '1', name: '交流' },
      { code: '2', name: '电源故障' },
      { code: '9', name: '未知' },
    ],
  },
  /** 出入井标志 of RYSS. */
  inOutFlag: {
    title: '出入井标志',
    source: B6_PERSONNEL,
    verified: false,
    note: AS_CODE,
    entries: [
      { code: '1', name: '入井' },
      { code: '2', name: '出井' },
    ],
  },
  /** 是否矿领导 / 是否特种人员 of RYXX and RYSS. */
  yesNo: {
    title: '是否',
    source: B6_PERSONNEL,
    verified: false,
    note: `${AS_CODE} Readers accept 0 and 1 and show 0 as 否; the standard's wording was not seen.`,
    entries: [
      { code: '0', name: '否' },
      { code: '1', name: '是' },
    ],
  },
  /** 传感器类型 of CDDY, known as ranges. */
  sensorType: {
    title: '传感器类型',
    source: `${B6} (the full table is in the standard's 附录, NOT FOUND)`,
    verified: false,
    note: `${AS_CODE} Only the ranges and some names are known; a code inside a range is accepted without a name, a code outside every range is reported as unknown.`,
    ranges: [
      {
        from: '0001',
        to: '0053',
        valueType: 'MN',
        kind: '模拟量传感器',
        named: [
          { code: '0001', name: '环境瓦斯' },
          { code: '0004', name: '一氧化碳' },
          { code: '0043', name: '激光甲烷' },
        ],
      },
      {
        from: '1001',
        to: '1015',
        valueType: 'KG',
        kind: '开关量传感器',
        named: [
          { code: '1008', name: '烟雾' },
          { code: '1010', name: '主通风机' },
          { code: '1011', name: '馈电器' },
        ],
      },
      { from: '3001', to: '3005', valueType: 'LJ', kind: '累计量', named: [] },
      {
        from: '4001',
        to: '4001',
        valueType: null,
        kind: '分站',
        named: [{ code: '4001', name: '分站' }],
      },
      {
        from: '4002',
        to: '4002',
        valueType: null,
        kind: '电源',
        named: [{ code: '4002', name: '电源状态' }],
      },
    ],
  } satisfies SensorTypeTable,
} as const;

export type CoalCatalogue = typeof coalCatalogue;

/** The tables that are plain lists of codes (every table but 测点状态 and 传感器类型). */
export type CoalCodeTableName = {
  [K in keyof CoalCatalogue]: CoalCatalogue[K] extends { entries: readonly CodeEntry[] }
    ? K
    : never;
}[keyof CoalCatalogue];

/** A code of one table, as a type: `'001' | '002' | …`. */
export type CodeOf<T extends CoalCodeTableName> = CoalCatalogue[T]['entries'][number]['code'];

/** A catalogue a caller may pass instead of the built-in one (a completed or corrected table). */
export interface CoalCatalogueInput {
  pointStatus: { flags: readonly StatusFlag[] };
  sensorType: { ranges: readonly SensorTypeRange[] };
  abnormalType: CodeTable;
  valueType: CodeTable;
  systemCode: CodeTable;
  relationType: CodeTable;
  runStatus: CodeTable;
  powerStatus: CodeTable;
  inOutFlag: CodeTable;
  yesNo: CodeTable;
}

/** `-9999` marks an abnormal value (seen in the MT/T 1201.2 writer; UNVERIFIED for 1201.1). */
export const ABNORMAL_VALUE = -9999;
