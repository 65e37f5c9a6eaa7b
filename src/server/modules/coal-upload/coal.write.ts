/**
 * @module The writer of the coal upload files, byte-compatible with coal.parse.ts: what it writes parses
 * back to the same records, and a parsed file written again gives its bytes back (a number keeps the text
 * it came with, a byte-order mark and trailing whitespace are written back). For files minewatch makes
 * itself; forwarding upward (应联尽联, coal-forward.*) passes on the accepted bytes, which this writer would
 * give back unchanged. A value that would not read back — a `;`, `~` or line break in a text, a code
 * outside the catalogue — is refused with its record and field, nothing half-written.
 */
import { AppErrorCode } from '../../platform/errors.ts';
import { coalCatalogue, type CoalCatalogueInput } from './coal.catalogue.ts';
import { compileCatalogue, formatRelations, type CompiledCatalogue } from './coal.codes.ts';
import { coalLayouts, type CoalLayout, type FieldSpec } from './coal.layouts.ts';
import { formatCoalFileName } from './coal.name.ts';
import { coalFileError, ProblemList } from './coal.problems.ts';
import type { AnyCoalFile, CoalRelationLink } from './coal.records.ts';
import {
  formatDecimal,
  formatTime,
  isDigits,
  NUMBER_MAGNITUDE_MAX,
  readDate,
} from './coal.values.ts';

export interface CoalWriteOptions {
  catalogue?: CoalCatalogueInput;
}

/** Characters a value may not hold: they are the framing (or the full-width `；` readers refuse). */
const FRAMING = /[;~；\r\n]/;
/** Inside a 关联关系 link, also its own separators. */
const RELATION_FRAMING = /[;~；\r\n:◇]/;

/** Writes one file: its name and its bytes. Throws a 400 naming every value that cannot be written. */
export function writeCoalFile(
  file: AnyCoalFile,
  options: CoalWriteOptions = {},
): { name: string; data: Buffer } {
  const named = /^\d{12}$/.test(file.mineCode) && Number.isFinite(file.at) && file.at >= 0;
  const name = named ? formatCoalFileName(file) : `${file.mineCode}_${file.type}`;
  const layout: CoalLayout = coalLayouts[file.type];
  const problems = new ProblemList(name);
  if (!named) {
    problems.add(null, '文件名', '煤矿编码须为 12 位数字, 时间须为有效的毫秒数');
  }
  const catalogue = compileCatalogue(options.catalogue ?? coalCatalogue);
  const w = { problems, catalogue, mineCode: file.mineCode };
  const header = file.header as unknown as Record<string, unknown>;
  if (header.mineCode !== file.mineCode) {
    problems.add(0, '煤矿编码', `与文件的煤矿编码 ${file.mineCode} 不符`, String(header.mineCode));
  }
  const parts: string[] = [writeSegment(w, layout.header, header, 0)];
  const records = file.records as unknown as Record<string, unknown>[];
  for (let i = 0; i < records.length; i++) {
    parts.push(writeSegment(w, layout.fields, records[i] ?? {}, i + 1));
  }
  if (problems.count > 0) {
    throw coalFileError(name, problems.items, problems.count, AppErrorCode.ValidationFailed);
  }
  parts.push(`||${file.trailer ?? ''}`);
  const body = Buffer.from(parts.join(''), 'utf8');
  return { name, data: file.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body };
}

interface Writer {
  problems: ProblemList;
  catalogue: CompiledCatalogue;
  mineCode: string;
}

function writeSegment(
  w: Writer,
  specs: readonly FieldSpec[],
  rec: Record<string, unknown>,
  record: number,
): string {
  const texts = rec.numberTexts as Record<string, string> | undefined;
  let out = '';
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] as FieldSpec;
    const r = fieldText(w, spec, rec[spec.key], texts?.[spec.key]);
    if (r.problem) {
      w.problems.add(record, spec.name, r.problem, shown(rec[spec.key]));
    }
    out += i === 0 ? r.text : `;${r.text}`;
  }
  return `${out}~`;
}

/** A value as a problem shows it. */
function shown(v: unknown): string {
  if (typeof v === 'string') {
    return v;
  }
  return typeof v === 'number' || v === undefined ? String(v) : (JSON.stringify(v) ?? '');
}

type Written = { text: string; problem?: string };

function fieldText(w: Writer, spec: FieldSpec, v: unknown, numberText?: string): Written {
  if (v === null || v === undefined || v === '' || (spec.kind === 'relations' && isEmpty(v))) {
    return spec.optional ? { text: '' } : { text: '', problem: '不能为空' };
  }
  switch (spec.kind) {
    case 'text':
    case 'code':
      return typeof v === 'string' && !FRAMING.test(v)
        ? { text: v }
        : { text: '', problem: '须为文本, 且不含 ; ~ ； 或换行' };
    case 'number':
      if (typeof v !== 'number' || !(Math.abs(v) <= NUMBER_MAGNITUDE_MAX)) {
        return { text: '', problem: `须为绝对值 ≤ ${NUMBER_MAGNITUDE_MAX} 的数` };
      }
      return {
        text: numberText !== undefined && Number(numberText) === v ? numberText : formatDecimal(v),
      };
    case 'int':
    case 'flags':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 999_999_999) {
        return { text: '', problem: '须为非负整数' };
      }
      if (spec.kind === 'flags' && (v & ~w.catalogue.statusMask) !== 0) {
        return { text: '', problem: `未知的测点状态 ${v}` };
      }
      return { text: String(v) };
    case 'time':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0
        ? { text: formatTime(v) }
        : { text: '', problem: '须为时间 (毫秒)' };
    case 'date':
      return typeof v === 'string' && readDate(v) === null
        ? { text: v }
        : { text: '', problem: '须为 yyyy-MM-dd 日期' };
    case 'digits': {
      const length = spec.length ?? 0;
      if (typeof v !== 'string' || !isDigits(v, 0, v.length, length)) {
        return { text: '', problem: `须为 ${length} 位数字` };
      }
      return spec.minePrefix && !v.startsWith(w.mineCode)
        ? { text: '', problem: `须以煤矿编码 ${w.mineCode} 开头` }
        : { text: v };
    }
    case 'enum':
      return typeof v === 'string' && spec.table && w.catalogue.codes[spec.table].has(v)
        ? { text: v }
        : { text: '', problem: '不在代码表中' };
    case 'sensorType':
      return typeof v === 'string' &&
        isDigits(v, 0, v.length, 4) &&
        w.catalogue.source.sensorType.ranges.some((r) => v >= r.from && v <= r.to)
        ? { text: v }
        : { text: '', problem: '不在传感器类型代码表中' };
    case 'relations':
      return relationsText(w, v);
    default:
      return spec.kind satisfies never;
  }
}

function isEmpty(v: unknown): boolean {
  return Array.isArray(v) && v.length === 0;
}

function relationsText(w: Writer, v: unknown): Written {
  const groups = v as CoalRelationLink[][];
  const ok =
    Array.isArray(groups) &&
    groups.every(
      (g) =>
        Array.isArray(g) &&
        g.length > 0 &&
        g.every(
          (l) =>
            w.catalogue.codes.relationType.has(l.type) &&
            l.pointCode !== '' &&
            !RELATION_FRAMING.test(l.pointCode) &&
            !l.pointCode.includes('-') &&
            (l.name === null || !RELATION_FRAMING.test(l.name)),
        ),
    );
  return ok
    ? { text: formatRelations(groups) }
    : { text: '', problem: '关联关系须为代码表中的类型和不含分隔符的测点编码、名称' };
}
