/**
 * The writer is byte-compatible with the parser (issue 22 items 1 and 4, 应联尽联 forwarding): a parsed
 * valid file written again gives its bytes back, written records parse back to the same records, and a
 * value that would not read back is refused by record and field. Also: the CDSS fast path reads exactly
 * what the generic reader reads. Framing per 煤安监办〔2019〕42号 / MT/T 1201.1/.3-2023 (REFERENCE §B6).
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { createRng } from '../../platform/random.ts';
import { buildCdssText, buildCoalFixture, FIXTURE_MINE } from './coal-file.factory.ts';
import { coalFileTypes } from './coal.layouts.ts';
import { parseCoalFile } from './coal.parse.ts';
import type { AnyCoalFile, CdssRecord, CoalFile } from './coal.records.ts';
import { writeCoalFile } from './coal.write.ts';

const AT = Date.parse('2026-11-22T10:00:00+08:00');

function read(name: string, data: Uint8Array): AnyCoalFile {
  const r = parseCoalFile(name, data);
  if (!r.ok) {
    throw new Error(JSON.stringify(r.problems));
  }
  return r.file;
}

function cdss(records: CdssRecord[]): CoalFile<'CDSS'> {
  return {
    type: 'CDSS',
    mineCode: FIXTURE_MINE,
    at: AT,
    header: { mineCode: FIXTURE_MINE, mineName: '示范煤矿', uploadedAt: AT },
    records,
  };
}

const reading = (over: Partial<CdssRecord> = {}): CdssRecord => ({
  pointCode: '140981000001MN00001',
  sensorTypeName: '甲烷',
  location: '12号采煤工作面回风巷',
  value: 0.45,
  unit: '%CH4',
  status: 0,
  time: AT,
  ...over,
});

describe('parse → write gives the bytes back', () => {
  it.each(coalFileTypes)('%s: a file built from its field list', (type) => {
    const f = buildCoalFixture(type, { records: 4 });
    const w = writeCoalFile(read(f.name, f.data));
    expect(w.name).toBe(f.name);
    expect(w.data.equals(f.data)).toBe(true);
  });

  it('numbers not in their shortest form (100.00, 0.50, -0, 1.0) and long or tiny ones', () => {
    const f = buildCoalFixture('CDDY', {
      records: [
        {
          高量程: '100.00',
          低量程: '-0',
          上限报警门限: '0.50',
          上限断电门限: '1.0',
          X: '0.30000000000000004',
          Y: '0.0000001',
          Z: '123456789012.123456',
          传感器关联关系: 'K-A1-馈电器:D-A1◇H-B2',
        },
      ],
    });
    const file = read(f.name, f.data);
    expect(writeCoalFile(file).data.toString('utf8')).toBe(f.text);
  });

  it('a byte-order mark and a trailing line break are written back', () => {
    const f = buildCoalFixture('RYSS', { records: 2 });
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), f.data, Buffer.from('\n')]);
    expect(writeCoalFile(read(f.name, data)).data.equals(data)).toBe(true);
  });

  it('a large generated CDSS file (2,000 points × 5)', () => {
    const text = buildCdssText(10_000);
    const name = `${FIXTURE_MINE}_CDSS_20261122100000.txt`;
    expect(writeCoalFile(read(name, Buffer.from(text))).data.toString('utf8')).toBe(text);
  });
});

describe('write → parse gives the records back', () => {
  it('writes exactly the national format: header~record~…||, empty fields kept', () => {
    const w = writeCoalFile(cdss([reading(), reading({ pointCode: 'KG01', value: 1, unit: '' })]));
    expect(w.name).toBe('140981000001_CDSS_20261122100000.txt');
    expect(w.data.toString('utf8')).toBe(
      '140981000001;示范煤矿;2026-11-22 10:00:00~' +
        '140981000001MN00001;甲烷;12号采煤工作面回风巷;0.45;%CH4;0;2026-11-22 10:00:00~' +
        'KG01;甲烷;12号采煤工作面回风巷;1;;0;2026-11-22 10:00:00~||',
    );
  });

  it('numbers of every shape, written without exponent, read back as the same numbers', () => {
    const values = [
      0.1 + 0.2,
      1e-7,
      -1.234567890123456e-7,
      123456789.123,
      1e12,
      -9999,
      0,
      2 ** -20,
    ];
    const file = cdss(values.map((value) => reading({ value })));
    const back = read(writeCoalFile(file).name, writeCoalFile(file).data);
    expect(back.records.map((r) => (r as CdssRecord).value)).toEqual(values);
    expect(writeCoalFile(file).data.toString('utf8')).not.toMatch(/\de/);
  });

  it('random CDSS records round-trip (status flags, times over a year, signs and decimals)', () => {
    const rng = createRng(22);
    const records = Array.from({ length: 500 }, (_, i) =>
      reading({
        pointCode: `P${i}`,
        value: rng.int(-100_000, 100_000) / 10 ** rng.int(0, 6),
        status: rng.int(0, 255),
        time: AT + rng.int(-31_536_000, 31_536_000) * 1000,
        unit: rng.chance(0.3) ? '' : '%CH4',
      }),
    );
    const w = writeCoalFile(cdss(records));
    expect(read(w.name, w.data).records).toEqual(records);
  });

  it('every file type: what the writer writes of a parsed file parses to the same file', () => {
    for (const type of coalFileTypes) {
      const f = buildCoalFixture(type, { records: 2 });
      const file = read(f.name, f.data);
      const w = writeCoalFile(file);
      expect(read(w.name, w.data)).toEqual(file);
    }
  });

  it('a number whose kept text no longer reads as its value is written from the value', () => {
    const f = buildCoalFixture('CDSS', { records: [{ 测点值: '100.00' }] });
    const file = read(f.name, f.data) as CoalFile<'CDSS'>;
    const changed = { ...file, records: [{ ...file.records[0], value: 1.5 } as CdssRecord] };
    expect(writeCoalFile(changed).data.toString('utf8')).toContain(';1.5;');
  });
});

describe('the writer refuses what would not read back, by record and field', () => {
  it.each([
    [{ location: '回风巷;1号' }, '安装位置', '须为文本, 且不含 ; ~ ； 或换行'],
    [{ location: '回风巷~' }, '安装位置', '须为文本, 且不含 ; ~ ； 或换行'],
    [{ sensorTypeName: '甲烷\n' }, '传感器类型名称', '须为文本, 且不含 ; ~ ； 或换行'],
    [{ pointCode: '' }, '测点编码', '不能为空'],
    [{ value: Number.NaN }, '测点值', '须为绝对值 ≤ 1000000000000 的数'],
    [{ status: 256 }, '测点状态', '未知的测点状态 256'],
    [{ time: Number.NaN }, '数据时间', '须为时间 (毫秒)'],
  ] as const)('%o → %s', (over, field, reason) => {
    let error: unknown;
    try {
      writeCoalFile(cdss([reading(), reading(over)]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).details).toMatchObject([
      { row: 2, path: field, message: `第2条记录 ${field}: ${reason}` },
    ]);
  });

  it('refuses a personnel code of another mine and an unknown code', () => {
    const f = buildCoalFixture('RYSS', { records: 1 });
    const file = read(f.name, f.data) as CoalFile<'RYSS'>;
    const bad = {
      ...file,
      records: [{ ...file.records[0], cardCode: '14098100000200001', inOut: '3' } as never],
    };
    expect(() => writeCoalFile(bad)).toThrow(AppError);
    try {
      writeCoalFile(bad);
    } catch (e) {
      expect((e as AppError).details.map((d) => d.path)).toEqual(['人员卡编码', '出入井标志']);
    }
  });
});

describe('CDSS fast path = generic reader (cdss.fast.ts)', () => {
  const files = [
    buildCdssText(3000),
    buildCoalFixture('CDSS', {
      records: [
        { 测点值: '100.00', 单位: '', 传感器类型名称: '' },
        { 测点值: '-0' },
        { 测点状态: '255', 测点值: '0.0000001' },
        { 测点编码: '' },
        { 测点值: 'x' },
        { 测点状态: '512' },
        { 数据时间: '2026-02-30 00:00:00' },
        { 测点值: '' },
      ],
    }).text,
    buildCoalFixture('CDSS', { records: 4 }).text.replace('~CD0003', ';1~CD0003'),
    buildCoalFixture('CDSS', { records: 4 }).text.replace('0.45;;0;', '0.45;0;'),
  ];
  it.each(files.map((text, i) => [i, text] as const))('file %i: same result', (_, text) => {
    const name = `${FIXTURE_MINE}_CDSS_20261122100000.txt`;
    const data = Buffer.from(text);
    expect(parseCoalFile(name, data)).toEqual(parseCoalFile(name, data, { fastPath: false }));
  });
});

describe('the writer names the file from its mine and time', () => {
  it('refuses a 煤矿编码 that is not 12 digits', () => {
    expect(() => writeCoalFile({ ...cdss([reading()]), mineCode: '14098100001' })).toThrow(
      '有 2 处错误',
    );
  });
});
