/**
 * @module Reading one header segment or record into its typed fields, driven by the field list
 * (coal.layouts.ts): the field count first (a wrong count is the record's one problem), then every field
 * by its kind, each problem named by record and field.
 */
import type { CompiledCatalogue } from './coal.codes.ts';
import { parseRelations } from './coal.codes.ts';
import type { FieldSpec } from './coal.layouts.ts';
import type { ProblemList } from './coal.problems.ts';
import { isDigits, readDate, readDecimal, readInt, readTime } from './coal.values.ts';

/** What reading a segment needs besides its text. */
export interface FieldContext {
  text: string;
  problems: ProblemList;
  catalogue: CompiledCatalogue;
  /** The file's 煤矿编码 (codes that nest begin with it). */
  mineCode: string;
  /** File type, for the field-count message. */
  type: string;
}

/** Separator positions of the segment being read (reused). */
let seps = new Int32Array(32);

/**
 * Reads text[start, end) as the fields `specs`: the record object, or null when it has problems (each
 * reported). `record` is 0 for the header.
 */
export function readFields(
  ctx: FieldContext,
  specs: readonly FieldSpec[],
  record: number,
  start: number,
  end: number,
): Record<string, unknown> | null {
  const { text, problems } = ctx;
  const n = specs.length;
  if (seps.length < n + 1) {
    seps = new Int32Array(n + 1);
  }
  seps[0] = start - 1;
  let p = start;
  for (let i = 1; i < n; i++) {
    const s = text.indexOf(';', p);
    if (s < 0 || s >= end) {
      problems.add(
        record,
        specs[i]?.name ?? '',
        `字段数为 ${i}, ${countLabel(ctx, record, n)}: 缺少此字段及其后的字段`,
      );
      return null;
    }
    seps[i] = s;
    p = s + 1;
  }
  seps[n] = end;
  const extra = text.indexOf(';', p);
  if (extra >= 0 && extra < end) {
    let count = n + 1;
    for (let i = text.indexOf(';', extra + 1); i >= 0 && i < end; i = text.indexOf(';', i + 1)) {
      count++;
    }
    problems.add(
      record,
      `第${n + 1}个字段`,
      `字段数为 ${count}, ${countLabel(ctx, record, n)}: 多出字段`,
    );
    return null;
  }
  const rec: Record<string, unknown> = {};
  let ok = true;
  for (let i = 0; i < n; i++) {
    const spec = specs[i] as FieldSpec;
    const s = (seps[i] as number) + 1;
    const e = seps[i + 1] as number;
    const problem = readValue(ctx, spec, rec, s, e);
    if (problem !== null) {
      problems.add(record, spec.name, problem, text.slice(s, e));
      ok = false;
    }
  }
  return ok ? rec : null;
}

function countLabel(ctx: FieldContext, record: number, n: number): string {
  return record === 0 ? `${ctx.type} 文件头应为 ${n} 段` : `${ctx.type} 记录应为 ${n} 个字段`;
}

/** Reads one field into rec[spec.key]: null, or the reason it cannot be read. */
function readValue(
  ctx: FieldContext,
  spec: FieldSpec,
  rec: Record<string, unknown>,
  s: number,
  e: number,
): string | null {
  const { text } = ctx;
  if (s === e) {
    if (!spec.optional) {
      return '不能为空';
    }
    rec[spec.key] = spec.kind === 'text' ? '' : spec.kind === 'relations' ? [] : null;
    return null;
  }
  switch (spec.kind) {
    case 'text':
    case 'code':
      rec[spec.key] = text.slice(s, e);
      return null;
    case 'number': {
      const r = readDecimal(text, s, e);
      if (typeof r === 'string') {
        return r;
      }
      rec[spec.key] = r.value;
      if (!r.canonical) {
        const texts = (rec.numberTexts ??= {}) as Record<string, string>;
        texts[spec.key] = text.slice(s, e);
      }
      return null;
    }
    case 'time': {
      const t = readTime(text, s, e);
      if (typeof t === 'string') {
        return t;
      }
      rec[spec.key] = t;
      return null;
    }
    case 'flags': {
      const v = readInt(text, s, e);
      if (v < 0) {
        return '测点状态须为非负整数 (不带前导零)';
      }
      if ((v & ~ctx.catalogue.statusMask) !== 0) {
        return `未知的测点状态 ${v} (含代码表「测点状态」以外的位)`;
      }
      rec[spec.key] = v;
      return null;
    }
    case 'int': {
      const v = readInt(text, s, e);
      if (v < 0) {
        return '须为非负整数 (不带前导零)';
      }
      rec[spec.key] = v;
      return null;
    }
    case 'digits': {
      const length = spec.length ?? 0;
      if (!isDigits(text, s, e, length)) {
        return `须为 ${length} 位数字`;
      }
      if (spec.minePrefix && !text.startsWith(ctx.mineCode, s)) {
        return `须以煤矿编码 ${ctx.mineCode} 开头`;
      }
      rec[spec.key] = text.slice(s, e);
      return null;
    }
    case 'enum': {
      const table = spec.table;
      const v = text.slice(s, e);
      if (!table || !ctx.catalogue.codes[table].has(v)) {
        return `未知的编码 "${v}" (不在代码表「${table ? ctx.catalogue.source[table].title : ''}」中)`;
      }
      rec[spec.key] = v;
      return null;
    }
    case 'sensorType': {
      const v = text.slice(s, e);
      if (!isSensorType(ctx, v)) {
        return `未知的编码 "${v}" (不在代码表「传感器类型」的任何范围内)`;
      }
      rec[spec.key] = v;
      return null;
    }
    case 'date': {
      const v = text.slice(s, e);
      const problem = readDate(v);
      if (problem) {
        return problem;
      }
      rec[spec.key] = v;
      return null;
    }
    case 'relations': {
      const groups = parseRelations(text.slice(s, e), ctx.catalogue);
      if (typeof groups === 'string') {
        return groups;
      }
      rec[spec.key] = groups;
      return null;
    }
    default:
      return spec.kind satisfies never;
  }
}

function isSensorType(ctx: FieldContext, code: string): boolean {
  if (code.length !== 4 || !isDigits(code, 0, 4, 4)) {
    return false;
  }
  return ctx.catalogue.source.sensorType.ranges.some((r) => code >= r.from && code <= r.to);
}
