/**
 * Every refusal of the strict parser names the file, the record (0 = the header), the field and the
 * reason (issue 22 item 1): a full-width `；`, a GBK-encoded file, a file cut off before `||`, a wrong
 * field count, a bad time, a bad number, an unknown code — and the file's name, its header, line breaks
 * and empty records. Framing per 煤安监办〔2019〕42号 / MT/T 1201.1-2023 as REFERENCE §B6 gives it.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { buildCoalFixture, type RawFields } from './coal-file.factory.ts';
import type { CoalFileType } from './coal.layouts.ts';
import { parseCoalFile, readCoalFile } from './coal.parse.ts';
import { PROBLEMS_LISTED_MAX } from './coal.problems.ts';

/** The problems of a file that must be refused. */
function refused(name: string, data: Uint8Array) {
  const r = parseCoalFile(name, data);
  if (r.ok) {
    throw new Error('the file was accepted');
  }
  return r;
}

/** Builds a file of `type` whose record `n` (1-based) has `raw` fields, and refuses it. */
function refusedRecord(type: CoalFileType, n: number, raw: RawFields) {
  const records = Array.from({ length: Math.max(n, 3) }, (_, i) => (i === n - 1 ? raw : {}));
  const f = buildCoalFixture(type, { records });
  return { f, r: refused(f.name, f.data) };
}

let gbkTable: Map<string, number[]> | undefined;

/** Encodes text as GBK (the table read off Node's GBK decoder). */
function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        const ch = dec.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) {
          gbkTable.set(ch, [a, b]);
        }
      }
    }
  }
  const table = gbkTable;
  return Buffer.from(
    [...text].flatMap((ch) => {
      const code = ch.charCodeAt(0);
      const bytes = code < 0x80 ? [code] : table.get(ch);
      if (!bytes) {
        throw new Error(`no GBK code for ${ch}`);
      }
      return bytes;
    }),
  );
}

describe('the four framing refusals of item 1', () => {
  it('refuses a full-width ； used as the separator, naming the record and the field it is in', () => {
    const f = buildCoalFixture('CDSS', { records: 3 });
    const records = f.text.split('~');
    records[2] = (records[2] ?? '').replaceAll(';', '；');
    const r = refused(f.name, Buffer.from(records.join('~')));
    expect(r.problems).toEqual([
      {
        file: f.name,
        record: 2,
        field: '测点编码',
        reason: '含全角分号 "；": 字段须以英文分号 ";" 分隔',
        value: records[2],
      },
    ]);
  });

  it('refuses a full-width ； inside one field of the header, by the field it is in', () => {
    const f = buildCoalFixture('CDSS', { header: { 煤矿名称: '示范；煤矿' } });
    const r = refused(f.name, f.data);
    expect(r.problems.map((p) => [p.record, p.field])).toEqual([[0, '煤矿名称']]);
  });

  it('refuses a GBK-encoded file, at the first byte that is not UTF-8 (the header 煤矿名称)', () => {
    const f = buildCoalFixture('CDSS', {
      header: { 煤矿名称: '示范煤矿' },
      records: [{ 传感器类型名称: '甲烷', 安装位置: '回风巷', 单位: '%CH4' }],
    });
    const r = refused(f.name, gbk(f.text));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: f.name, record: 0, field: '煤矿名称' });
    // 140981000001;示范: 示 is CA BE in GBK, valid UTF-8 by chance; 范 (B7 B6, bytes 16–17) is not.
    expect(r.problems[0]?.reason).toBe(
      '文件是 GBK 编码, 须为 UTF-8 (第 16 字节起无法按 UTF-8 读取)',
    );
  });

  it('refuses a file with one GBK field, at that record and field', () => {
    const f = buildCoalFixture('CDSS', {
      records: [{}, { 传感器类型名称: 'GBKFIELD' }, {}],
    });
    const [before, after] = f.text.split('GBKFIELD');
    const data = Buffer.concat([Buffer.from(before ?? ''), gbk('甲烷'), Buffer.from(after ?? '')]);
    const r = refused(f.name, data);
    expect(r.problems).toMatchObject([{ file: f.name, record: 2, field: '传感器类型名称' }]);
    expect(r.problems[0]?.reason).toContain('GBK');
  });

  it('refuses bytes that are neither UTF-8 nor GBK', () => {
    const f = buildCoalFixture('CDSS');
    const data = Buffer.from(f.data);
    data[Buffer.byteLength(f.text.slice(0, f.text.indexOf('安装位置2'))) + 1] = 0xff;
    const r = refused(f.name, data);
    expect(r.problems[0]).toMatchObject({ record: 2, field: '安装位置' });
    expect(r.problems[0]?.reason).toMatch(/^文件不是有效的 UTF-8 编码/);
  });

  it('refuses a truncated file without ||, at the record and field where it stops', () => {
    const f = buildCoalFixture('CDSS', { records: [{}, {}, { 测点值: '0.45' }] });
    const cut = f.text.lastIndexOf('0.45') + 3; // … ;安装位置3;0.4
    const r = refused(f.name, Buffer.from(f.text.slice(0, cut)));
    expect(r.problems).toEqual([
      {
        file: f.name,
        record: 3,
        field: '测点值',
        reason: '文件不完整: 末尾没有结束标志 "||" (文件被截断或仍在写入)',
      },
    ]);
  });

  it('refuses a file cut after a whole record (its last ~ but no ||)', () => {
    const f = buildCoalFixture('RYSS', { records: 2 });
    const r = refused(f.name, Buffer.from(f.text.slice(0, -2)));
    expect(r.problems.map((p) => [p.record, p.field])).toEqual([[3, '人员卡编码']]);
    expect(r.problems[0]?.reason).toContain('||');
  });

  it('refuses an empty file', () => {
    const r = refused('140981000001_CDSS_20261122100000.txt', new Uint8Array());
    expect(r.problems.map((p) => [p.record, p.field])).toEqual([[0, '煤矿编码']]);
  });
});

describe('record and field refusals', () => {
  it('refuses a record with a field too few (CDSS has 7), naming the first missing field', () => {
    const f = buildCoalFixture('CDSS', { records: 3 });
    const text = f.text.replace('安装位置2;0.45;;0;', '安装位置2;0.45;0;');
    const r = refused(f.name, Buffer.from(text));
    expect(r.problems).toEqual([
      {
        file: f.name,
        record: 2,
        field: '数据时间',
        reason: '字段数为 6, CDSS 记录应为 7 个字段: 缺少此字段及其后的字段',
      },
    ]);
  });

  it('refuses a record with a field too many', () => {
    const f = buildCoalFixture('JZSS', { records: 2 });
    const text = f.text.replace('~||', ';extra~||');
    const r = refused(f.name, Buffer.from(text));
    expect(r.problems).toMatchObject([
      { record: 2, field: '第5个字段', reason: '字段数为 5, JZSS 记录应为 4 个字段: 多出字段' },
    ]);
  });

  it('refuses a header with the wrong number of segments (CDDY has 7)', () => {
    const f = buildCoalFixture('CDDY', { records: 1 });
    const text = f.text.replace(/^([^~]*);[^;~]*~/, '$1~');
    const r = refused(f.name, Buffer.from(text));
    expect(r.problems).toMatchObject([{ record: 0, field: '上传时间' }]);
  });

  it.each([
    ['2026/11/22 10:00:00', '时间须为 yyyy-MM-dd HH:mm:ss 格式'],
    ['2026-11-22T10:00:00', '时间须为 yyyy-MM-dd HH:mm:ss 格式'],
    ['2026-11-22 10:00', '时间须为 yyyy-MM-dd HH:mm:ss 格式'],
    ['2026-11-31 10:00:00', '时间不存在 (日期或时刻无效)'],
    ['2025-02-29 10:00:00', '时间不存在 (日期或时刻无效)'],
    ['2026-11-22 24:00:00', '时间不存在 (日期或时刻无效)'],
  ])('refuses the time %s', (time, reason) => {
    const { f, r } = refusedRecord('CDSS', 2, { 数据时间: time });
    expect(r.problems).toEqual([
      { file: f.name, record: 2, field: '数据时间', reason, value: time },
    ]);
  });

  it.each(['abc', '0,45', '1.2.3', '.5', '5.', '+1', '1e3', '０.45'])(
    'refuses the number %s',
    (value) => {
      const { f, r } = refusedRecord('CDSS', 1, { 测点值: value });
      expect(r.problems).toEqual([
        {
          file: f.name,
          record: 1,
          field: '测点值',
          reason: '不是数字 (须为十进制数, 如 0.45、-9999)',
          value,
        },
      ]);
    },
  );

  it('refuses an empty required number and an absurd magnitude', () => {
    expect(refusedRecord('CDSS', 1, { 测点值: '' }).r.problems[0]?.reason).toBe('不能为空');
    expect(refusedRecord('TJSJ', 1, { 最大值: '1e13' }).r.problems[0]?.field).toBe('最大值');
    expect(refusedRecord('CDSS', 1, { 测点值: '10000000000000' }).r.problems[0]?.reason).toBe(
      '数值超出可接收范围 (绝对值 ≤ 1000000000000)',
    );
  });

  it('refuses a 核定人数 that is not a whole number', () => {
    const { r } = refusedRecord('RYQY', 1, { 核定人数: '2.5' });
    expect(r.problems).toMatchObject([{ record: 1, field: '核定人数' }]);
  });
});

describe('unknown codes are reported, not guessed (MT/T 1201.1/.3-2023 附录B code tables)', () => {
  it.each([
    ['YCBJ', '异常类型', '011', '未知的编码 "011" (不在代码表「异常类型」中)'],
    ['YCBJ', '异常类型', '1', '未知的编码 "1" (不在代码表「异常类型」中)'],
    ['CDSS', '测点状态', '256', '未知的测点状态 256 (含代码表「测点状态」以外的位)'],
    ['CDSS', '测点状态', '-1', '测点状态须为非负整数 (不带前导零)'],
    ['CDDY', '传感器类型', '0054', '未知的编码 "0054" (不在代码表「传感器类型」的任何范围内)'],
    ['CDDY', '传感器类型', '2001', '未知的编码 "2001" (不在代码表「传感器类型」的任何范围内)'],
    ['CDDY', '数值类型', 'XX', '未知的编码 "XX" (不在代码表「数值类型」中)'],
    ['CDDY', '系统编码', '03', '未知的编码 "03" (不在代码表「系统编码」中)'],
    ['CDDY', '传感器关联关系', 'X-001', '未知的关联关系类型 "X" (不在代码表「传感器关联关系」中)'],
    ['CDDY', '传感器关联关系', 'K-', '关联关系格式不符: "K-" 缺少测点编码'],
    ['FZSS', '运行状态', '3', '未知的编码 "3" (不在代码表「运行状态」中)'],
    ['FZSS', '供电状态', '5', '未知的编码 "5" (不在代码表「供电状态」中)'],
    ['JZSS', '运行状态', '8', '未知的编码 "8" (不在代码表「运行状态」中)'],
    ['RYSS', '出入井标志', '0', '未知的编码 "0" (不在代码表「出入井标志」中)'],
    ['RYSS', '是否矿领导', '是', '未知的编码 "是" (不在代码表「是否」中)'],
  ] as const)('%s %s %s', (type, field, value, reason) => {
    const { f, r } = refusedRecord(type, 2, { [field]: value });
    expect(r.problems).toEqual([{ file: f.name, record: 2, field, reason, value }]);
  });
});

describe('codes that nest in the 煤矿编码 (MT/T 1201.3-2023 附录A)', () => {
  it('refuses a 人员卡编码 of the wrong length and one of another mine', () => {
    expect(refusedRecord('RYSS', 1, { 人员卡编码: '1409810000010001' }).r.problems).toMatchObject([
      { record: 1, field: '人员卡编码', reason: '须为 17 位数字' },
    ]);
    expect(refusedRecord('RYXX', 1, { 人员卡编码: '14098100000200001' }).r.problems).toMatchObject([
      { record: 1, field: '人员卡编码', reason: '须以煤矿编码 140981000001 开头' },
    ]);
  });
});

describe('the file as a whole', () => {
  it.each([
    [
      '140981000001_CDSS_20261122100000.csv',
      '文件名须为 <12位煤矿编码>_<类型>_<yyyyMMddHHmmss>.txt',
    ],
    [
      '14098100001_CDSS_20261122100000.txt',
      '文件名须为 <12位煤矿编码>_<类型>_<yyyyMMddHHmmss>.txt',
    ],
    [
      '140981000001_cdss_20261122100000.txt',
      '文件名须为 <12位煤矿编码>_<类型>_<yyyyMMddHHmmss>.txt',
    ],
    ['140981000001_CDSS_20261322100000.txt', '文件名中的时间无效: 时间不存在 (日期或时刻无效)'],
  ])('refuses the name %s', (name, reason) => {
    const r = refused(name, buildCoalFixture('CDSS').data);
    expect(r.problems).toEqual([
      { file: name, record: null, field: '文件名', reason, value: name },
    ]);
  });

  it('refuses a file type it does not read (RYCS, seen but of unknown purpose)', () => {
    const name = '140981000001_RYCS_20261122100000.txt';
    expect(refused(name, Buffer.from('x~||')).problems[0]?.reason).toMatch(
      /^不支持的文件类型 RYCS/,
    );
  });

  it('refuses a header whose 煤矿编码 is not the name’s', () => {
    const f = buildCoalFixture('CDSS', { header: { 煤矿编码: '140981000002' } });
    expect(refused(f.name, f.data).problems).toEqual([
      {
        file: f.name,
        record: 0,
        field: '煤矿编码',
        reason: '与文件名中的煤矿编码 140981000001 不符',
        value: '140981000002',
      },
    ]);
  });

  it('refuses a line break between records, an empty record and a last record without ~', () => {
    const f = buildCoalFixture('CDSS', { records: 3 });
    const withBreak = f.text.replace(/~(?=CD0002)/, '~\r\n');
    expect(refused(f.name, Buffer.from(withBreak)).problems).toMatchObject([
      { record: 2, field: '测点编码', reason: '含换行符: 文件不换行, 每条记录以 "~" 结束' },
    ]);
    const empty = f.text.replace('~CD0002', '~~CD0002');
    expect(refused(f.name, Buffer.from(empty)).problems).toMatchObject([
      { record: 2, field: '测点编码', reason: '空记录 (两个 "~" 之间没有内容)' },
    ]);
    const unterminated = f.text.replace('~||', '||');
    expect(refused(f.name, Buffer.from(unterminated)).problems).toMatchObject([
      { record: 3, field: '测点编码', reason: '最后一条记录未以 "~" 结束' },
    ]);
  });

  it('a record with both a ； and a line break is reported once, and the next record is read', () => {
    const f = buildCoalFixture('CDSS', {
      records: [{ 安装位置: '回风巷；\n1号' }, { 测点值: 'x' }],
    });
    expect(refused(f.name, f.data).problems.map((p) => [p.record, p.field, p.reason])).toEqual([
      [1, '安装位置', '含全角分号 "；": 字段须以英文分号 ";" 分隔'],
      [2, '测点值', '不是数字 (须为十进制数, 如 0.45、-9999)'],
    ]);
  });

  it('lists every problem of every record, in order', () => {
    const f = buildCoalFixture('CDSS', {
      records: [{ 测点值: 'x' }, {}, { 测点值: '', 数据时间: 'now' }, { 测点状态: '1024' }],
    });
    expect(refused(f.name, f.data).problems.map((p) => [p.record, p.field])).toEqual([
      [1, '测点值'],
      [3, '测点值'],
      [3, '数据时间'],
      [4, '测点状态'],
    ]);
  });

  it(`lists at most ${PROBLEMS_LISTED_MAX} problems and counts all`, () => {
    const f = buildCoalFixture('CDSS', {
      records: Array.from({ length: 1200 }, () => ({ 测点值: 'x' })),
    });
    const r = refused(f.name, f.data);
    expect(r.problems).toHaveLength(PROBLEMS_LISTED_MAX);
    expect(r.count).toBe(1200);
  });

  it('readCoalFile throws one 422 naming the file, with each problem as row (record) and path (field)', () => {
    const { f } = refusedRecord('CDSS', 2, { 数据时间: '2026-11-31 10:00:00' });
    let error: unknown;
    try {
      readCoalFile(f.name, f.data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.status).toBe(422);
    expect(e.message).toBe(`文件 ${f.name} 有 1 处错误, 未接收`);
    expect(e.details).toEqual([
      {
        path: '数据时间',
        row: 2,
        message: '第2条记录 数据时间: 时间不存在 (日期或时刻无效)',
        value: '2026-11-31 10:00:00',
      },
    ]);
  });
});
