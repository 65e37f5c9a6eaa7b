/**
 * Every code of every table in the catalogue (MT/T 1201.1-2023 / 1201.3-2023 附录B, as REFERENCE §B6 has
 * them, all UNVERIFIED) is read from a file, and the 测点状态 bit set is decoded into its flags.
 */
import { describe, expect, it } from 'vitest';
import { coalCatalogue, type CoalCatalogueInput } from './coal.catalogue.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { codeName, decodePointStatus, encodePointStatus, lookupSensorType } from './coal.codes.ts';
import { coalLayouts } from './coal.layouts.ts';
import { parseCoalFile } from './coal.parse.ts';

function recordsOf(f: { name: string; data: Uint8Array }, catalogue?: CoalCatalogueInput) {
  const r = parseCoalFile(f.name, f.data, catalogue ? { catalogue } : {});
  if (!r.ok) {
    throw new Error(JSON.stringify(r.problems));
  }
  return r.file.records as unknown as Record<string, unknown>[];
}

describe('测点状态 (CDSS; powers of two read as combinable flags — inferred, UNVERIFIED)', () => {
  const flags = coalCatalogue.pointStatus.flags;

  it.each(flags.map((f) => [f.bit, f.name] as const))(
    'a CDSS record with 测点状态 %i is read and decoded as %s alone',
    (bit, name) => {
      const f = buildCoalFixture('CDSS', { records: [{ 测点状态: String(bit) }] });
      const [record] = recordsOf(f);
      expect(record?.status).toBe(bit);
      expect(decodePointStatus(bit)?.map((x) => x.name)).toEqual([name]);
    },
  );

  it('a combined value is decoded into each of its flags: 5 = 报警 + 标校, 66 = 断电 + 暂停, 255 = all but 正常', () => {
    expect(decodePointStatus(5)?.map((f) => f.key)).toEqual(['alarm', 'calibrating']);
    expect(decodePointStatus(66)?.map((f) => f.name)).toEqual(['断电', '暂停']);
    expect(decodePointStatus(255)?.map((f) => f.bit)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    expect(encodePointStatus(['alarm', 'calibrating'])).toBe(5);
    expect(recordsOf(buildCoalFixture('CDSS', { records: [{ 测点状态: '255' }] }))[0]?.status).toBe(
      255,
    );
  });

  it('a value with a bit no flag defines decodes to nothing (the parser reports it)', () => {
    expect(decodePointStatus(256)).toBeNull();
    expect(decodePointStatus(257)).toBeNull();
    expect(decodePointStatus(-1)).toBeNull();
    expect(decodePointStatus(1.5)).toBeNull();
  });
});

describe('异常类型 (YCBJ)', () => {
  it.each(coalCatalogue.abnormalType.entries.map((e) => [e.code, e.name] as const))(
    'a YCBJ record of 异常类型 %s (%s) is read',
    (code, name) => {
      const f = buildCoalFixture('YCBJ', { records: [{ 异常类型: code }] });
      expect(recordsOf(f)[0]?.abnormalType).toBe(code);
      expect(codeName('abnormalType', code)).toBe(name);
    },
  );
});

describe('the other tables, every code in a file', () => {
  const cases = [
    ['CDDY', '数值类型', 'valueType', 'valueType'],
    ['CDDY', '系统编码', 'systemCode', 'systemCode'],
    ['FZSS', '运行状态', 'runStatus', 'runStatus'],
    ['FZSS', '供电状态', 'powerStatus', 'powerStatus'],
    ['JZSS', '运行状态', 'runStatus', 'runStatus'],
    ['JZSS', '供电状态', 'powerStatus', 'powerStatus'],
    ['RYSS', '出入井标志', 'inOutFlag', 'inOut'],
    ['RYSS', '是否矿领导', 'yesNo', 'isLeader'],
    ['RYXX', '是否特种人员', 'yesNo', 'isSpecial'],
  ] as const;
  it.each(cases)('%s %s: every code of %s', (type, field, table, key) => {
    const codes = coalCatalogue[table].entries.map((e) => e.code);
    const f = buildCoalFixture(type, { records: codes.map((c) => ({ [field]: c })) });
    expect(recordsOf(f).map((r) => r[key])).toEqual(codes);
  });

  it('传感器关联关系: every relation type (B G K H Z D T) in one 关联关系 field', () => {
    const codes = coalCatalogue.relationType.entries.map((e) => e.code);
    const text = codes.map((c, i) => `${c}-P${i}`).join(':');
    const [record] = recordsOf(buildCoalFixture('CDDY', { records: [{ 传感器关联关系: text }] }));
    expect(record?.relations).toEqual([
      codes.map((type, i) => ({ type, pointCode: `P${i}`, name: null })),
    ]);
  });

  it('传感器类型: the first and last code of every range, with the names known (0001 环境瓦斯, 1011 馈电器, 4002 电源状态)', () => {
    const codes = coalCatalogue.sensorType.ranges.flatMap((r) => [r.from, r.to]);
    const f = buildCoalFixture('CDDY', { records: codes.map((c) => ({ 传感器类型: c })) });
    expect(recordsOf(f).map((r) => r.sensorType)).toEqual(codes);
    expect(lookupSensorType('0001')?.name).toBe('环境瓦斯');
    expect(lookupSensorType('1011')).toMatchObject({ name: '馈电器', range: { valueType: 'KG' } });
    expect(lookupSensorType('0002')).toMatchObject({ name: null, range: { valueType: 'MN' } });
    expect(lookupSensorType('4002')?.name).toBe('电源状态');
    expect(lookupSensorType('0054')).toBeNull();
  });
});

describe('the catalogue is data a caller may replace', () => {
  it('a completed 传感器类型 table makes a code known that the built-in one reports', () => {
    const f = buildCoalFixture('CDDY', { records: [{ 传感器类型: '2001' }] });
    expect(parseCoalFile(f.name, f.data).ok).toBe(false);
    const completed: CoalCatalogueInput = {
      ...coalCatalogue,
      sensorType: {
        ranges: [
          ...coalCatalogue.sensorType.ranges,
          { from: '2001', to: '2010', valueType: 'DT', kind: '多态量', named: [] },
        ],
      },
    };
    expect(recordsOf(f, completed)[0]?.sensorType).toBe('2001');
  });

  it('every table and layout names its source and says it is not verified against the standard', () => {
    for (const table of Object.values(coalCatalogue)) {
      expect(table.source).toMatch(/MT\/T 1201\.[13]-2023/);
      expect(table.verified).toBe(false);
    }
    for (const layout of Object.values(coalLayouts)) {
      expect(layout.source).toMatch(/MT\/T 1201\.[13]-2023 .*煤安监办〔2019〕42号/);
      expect(layout.verified).toBe(false);
    }
  });
});
