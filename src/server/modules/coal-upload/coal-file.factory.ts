/**
 * @module Test and benchmark fixtures: upload files built as text straight from the field lists
 * (coal.layouts.ts, REFERENCE §B6), independent of the writer, with any field given as raw text by its
 * name in the standard's words (`{ 测点值: 'abc' }`), so a test can build a valid file or break exactly one
 * field of one record.
 */
import { coalCatalogue } from './coal.catalogue.ts';
import { coalLayouts, type CoalFileType, type FieldSpec } from './coal.layouts.ts';
import { formatTime } from './coal.values.ts';

/** Raw field texts by field name (`测点编码`, `数据时间`, …). */
export type RawFields = Record<string, string>;

export interface CoalFixtureOptions {
  /** 煤矿编码, 12 digits. */
  mineCode?: string;
  /** The time of the name, the header and every record, `yyyy-MM-dd HH:mm:ss`. */
  time?: string;
  /** Header fields to set. */
  header?: RawFields;
  /** The records: how many default ones, or each one's fields to set over the defaults. */
  records?: number | RawFields[];
}

export const FIXTURE_MINE = '140981000001';
export const FIXTURE_TIME = '2026-11-22 10:00:00';

/** A default text for one field of record `i` (1-based; 0 is the header). */
function defaultText(spec: FieldSpec, i: number, mineCode: string, time: string): string {
  switch (spec.kind) {
    case 'digits':
      return spec.minePrefix
        ? `${mineCode}${String(i).padStart((spec.length ?? 12) - mineCode.length, '0')}`
        : mineCode;
    case 'code':
      return `${spec.key === 'substationCode' ? 'FZ' : 'CD'}${String(i).padStart(4, '0')}`;
    case 'text':
      return spec.optional && spec.key !== 'location' && spec.key !== 'mineName'
        ? ''
        : `${spec.name}${i}`;
    case 'number':
      return spec.key === 'value' || spec.key === 'avg' ? '0.45' : spec.optional ? '' : '1.5';
    case 'int':
      return '20';
    case 'time':
      return spec.optional ? '' : time;
    case 'date':
      return time.slice(0, 10);
    case 'enum':
      return spec.table ? (coalCatalogue[spec.table].entries[0]?.code ?? '') : '';
    case 'flags':
      return '0';
    case 'sensorType':
      return '0001';
    case 'relations':
      return '';
    default:
      return spec.kind satisfies never;
  }
}

function segment(
  specs: readonly FieldSpec[],
  i: number,
  mineCode: string,
  time: string,
  raw: RawFields = {},
): string {
  const unknown = Object.keys(raw).filter((k) => !specs.some((s) => s.name === k));
  if (unknown.length) {
    throw new Error(`no such field: ${unknown.join(', ')}`);
  }
  return `${specs.map((s) => raw[s.name] ?? defaultText(s, i, mineCode, time)).join(';')}~`;
}

/** A file's name and text, built from the field lists. */
export function buildCoalFixture(
  type: CoalFileType,
  options: CoalFixtureOptions = {},
): { name: string; text: string; data: Buffer } {
  const layout = coalLayouts[type];
  const mineCode = options.mineCode ?? FIXTURE_MINE;
  const time = options.time ?? FIXTURE_TIME;
  const list = options.records ?? 3;
  const records = typeof list === 'number' ? Array.from({ length: list }, () => ({})) : list;
  const text = [
    segment(layout.header, 0, mineCode, time, options.header),
    ...records.map((raw, i) => segment(layout.fields, i + 1, mineCode, time, raw)),
    '||',
  ].join('');
  const name = `${mineCode}_${type}_${time.replace(/[- :]/g, '')}.txt`;
  return { name, text, data: Buffer.from(text, 'utf8') };
}

/**
 * A large CDSS text for benchmarks: `count` readings of `points` methane points every 10 s, with
 * realistic values and an occasional combined 测点状态.
 */
export function buildCdssText(count: number, points = 2000, mineCode = FIXTURE_MINE): string {
  const parts: string[] = [`${mineCode};示范煤矿;${FIXTURE_TIME}~`];
  const base = Date.parse('2026-11-22T02:00:00Z');
  let time = '';
  for (let n = 0; n < count; n++) {
    const p = n % points;
    if (p === 0) {
      const t = new Date(base + (n / points) * 10_000 + 8 * 3_600_000);
      time = t.toISOString().slice(0, 19).replace('T', ' ');
    }
    const value = ((n * 7919) % 120) / 100;
    const status = n % 997 === 0 ? 5 : value >= 1 ? 1 : 0;
    parts.push(
      `${mineCode}MN${String(p).padStart(5, '0')};甲烷;${(p % 40) + 1}号采煤工作面回风巷;${value};%CH4;${status};${time}~`,
    );
  }
  parts.push('||');
  return parts.join('');
}

/**
 * A drop folder's files for one mine: the definition (CDDY) of `points` CH4 points coded
 * `<prefix>0…` (报警 at 1.0), then `files` files of readings (CDSS) 10 s apart from `start` (ms), with
 * `value(n, i)` at point i of file n.
 */
export function buildCoalDropFiles(o: {
  mineCode: string;
  start: number;
  points: number;
  files: number;
  prefix: string;
  value: (n: number, i: number) => string;
}): { name: string; text: string; data: Buffer }[] {
  const codes = Array.from({ length: o.points }, (_, i) => `${o.prefix}${i}`);
  const definition = buildCoalFixture('CDDY', {
    mineCode: o.mineCode,
    time: formatTime(o.start - 60_000),
    records: codes.map((code) => ({
      测点编码: code,
      传感器类型: '0001',
      数值类型: 'MN',
      上限报警门限: '1.0',
    })),
  });
  const readings = Array.from({ length: o.files }, (_, n) => {
    const time = formatTime(o.start + n * 10_000);
    return buildCoalFixture('CDSS', {
      mineCode: o.mineCode,
      time,
      records: codes.map((code, i) => ({
        测点编码: code,
        测点值: o.value(n, i),
        测点状态: '0',
        数据时间: time,
      })),
    });
  });
  return [definition, ...readings];
}
