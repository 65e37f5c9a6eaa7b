/**
 * @module Parsing of ingest batches (pure): JSON arrays, NDJSON and CSV into reading records, and the
 * checks of each record's fields. A bad record is reported by its index and field; the rest go on.
 */
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import { IngestLimits } from '../../../shared/limits.ts';

export interface RawRecord {
  mine?: unknown;
  sensor?: unknown;
  ts?: unknown;
  value?: unknown;
}

export interface Rejected {
  index: number;
  field: string;
  message: string;
}

export type IngestFormat = 'json' | 'ndjson' | 'csv';

export function formatOf(contentType: string | undefined): IngestFormat | null {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (t === 'application/json') {
    return 'json';
  }
  if (t === 'application/x-ndjson' || t === 'application/ndjson' || t === 'application/jsonl') {
    return 'ndjson';
  }
  if (t === 'text/csv') {
    return 'csv';
  }
  return null;
}

function tooMany(n: number): AppError {
  return new AppError(AppErrorCode.PayloadTooLarge, `一批最多 ${IngestLimits.recordsMax} 条读数`, [
    { path: 'body', message: `收到超过 ${IngestLimits.recordsMax} 条`, value: n },
  ]);
}

/** Parses a body into records; lines that are not JSON objects are rejected by index. */
export function parseBatch(
  format: IngestFormat,
  body: string,
): { records: (RawRecord | null)[]; rejected: Rejected[] } {
  const rejected: Rejected[] = [];
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw new AppError(AppErrorCode.ValidationFailed, '请求体不是合法的 JSON', [
        { path: 'body', message: (e as Error).message },
      ]);
    }
    const list =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'readings' in parsed
        ? parsed.readings
        : parsed;
    if (!Array.isArray(list)) {
      throw new AppError(
        AppErrorCode.ValidationFailed,
        'JSON 须为读数数组或 { "readings": [...] }',
        [{ path: 'body', message: 'expected an array' }],
      );
    }
    if (list.length > IngestLimits.recordsMax) {
      throw tooMany(list.length);
    }
    return {
      records: list.map((r, index) => {
        if (r && typeof r === 'object' && !Array.isArray(r)) {
          return r as RawRecord;
        }
        rejected.push({ index, field: 'record', message: '读数须为 JSON 对象' });
        return null;
      }),
      rejected,
    };
  }
  const lines = body.split('\n');
  if (lines.length > IngestLimits.recordsMax + 2) {
    throw tooMany(lines.length);
  }
  if (format === 'ndjson') {
    const fast = parseNdjsonAtOnce(body);
    if (fast) {
      return { records: fast, rejected };
    }
    const records: (RawRecord | null)[] = [];
    for (const raw of lines) {
      const line = raw.trim();
      if (!line) {
        continue;
      }
      const index = records.length;
      try {
        const r: unknown = JSON.parse(line);
        if (r && typeof r === 'object' && !Array.isArray(r)) {
          records.push(r);
          continue;
        }
      } catch {
        // reported below
      }
      records.push(null);
      rejected.push({ index, field: 'record', message: '该行不是 JSON 对象' });
    }
    return { records, rejected };
  }
  // CSV: a header naming sensor, ts, value (and optionally mine), then one reading per line.
  const header = (lines[0] ?? '')
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [cs, ct, cv, cm] = [col('sensor'), col('ts'), col('value'), col('mine')];
  if (cs < 0 || ct < 0 || cv < 0) {
    throw new AppError(
      AppErrorCode.ValidationFailed,
      'CSV 表头须包含 sensor,ts,value (可选 mine)',
      [{ path: 'header', message: `表头为 ${header.join(',').slice(0, 200)}` }],
    );
  }
  const records: (RawRecord | null)[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (!line.trim()) {
      continue;
    }
    const cells = line.split(',');
    if (cells.length !== header.length) {
      rejected.push({
        index: records.length,
        field: 'record',
        message: `第 ${i + 1} 行有 ${cells.length} 列, 表头为 ${header.length} 列`,
      });
      records.push(null);
      continue;
    }
    records.push({
      sensor: cells[cs]?.trim(),
      ts: cells[ct]?.trim(),
      value: cells[cv]?.trim(),
      ...(cm >= 0 ? { mine: cells[cm]?.trim() } : {}),
    });
  }
  return { records, rejected };
}

/**
 * NDJSON as one JSON array, parsed in a single call (several times faster than a parse per line). A raw
 * line break cannot occur inside a JSON string, so joining the lines with commas changes no value.
 * Returns null when any line is blank or not an object; the caller then goes line by line to report
 * each bad one by its index.
 */
function parseNdjsonAtOnce(body: string): RawRecord[] | null {
  const text = body.trim();
  if (!text || /\n\s*\n/.test(text)) {
    return null;
  }
  let list: unknown;
  try {
    list = JSON.parse(`[${text.replace(/\r?\n/g, ',')}]`);
  } catch {
    return null;
  }
  // One record per line: a line holding two objects joined by a comma is the slow path's to refuse.
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lines++;
  }
  if (!Array.isArray(list) || list.length !== lines || list.length > IngestLimits.recordsMax) {
    return null;
  }
  for (const r of list) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      return null;
    }
  }
  return list as RawRecord[];
}

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The last ISO time parsed: a batch usually carries many readings of the same instant. */
let lastIso = '';
let lastIsoMs = 0;

/** A reading time: epoch milliseconds, or ISO 8601 with a zone (a time without one is ambiguous). */
export function parseTime(ts: unknown): number | string {
  if (ts === lastIso) {
    return lastIsoMs;
  }
  if (typeof ts === 'number') {
    return Number.isFinite(ts) && ts > 0 && ts < 1e14
      ? Math.round(ts)
      : '时间戳须为毫秒数或带时区的 ISO 8601 时间';
  }
  if (typeof ts !== 'string' || ts.length > 40) {
    return '时间戳须为毫秒数或带时区的 ISO 8601 时间';
  }
  if (/^\d{10,14}$/.test(ts)) {
    return Number(ts);
  }
  if (!isoWithOffset.test(ts)) {
    return '时间须为带时区的 ISO 8601 (如 2026-11-23T08:00:00+08:00)';
  }
  const ms = Date.parse(ts);
  // V8 rolls 2026-02-30 over to 2026-03-02: a day past the month's end is refused here.
  const [y, m, d] = [Number(ts.slice(0, 4)), Number(ts.slice(5, 7)), Number(ts.slice(8, 10))];
  if (
    !Number.isFinite(ms) ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > new Date(Date.UTC(y, m, 0)).getUTCDate()
  ) {
    return '时间不存在 (日期无效)';
  }
  lastIso = ts;
  lastIsoMs = ms;
  return ms;
}

/**
 * Largest magnitude a reading may have: far beyond any instrument (the catalogue's largest physical
 * bound is 1e9), and small enough that 5-minute sums cannot overflow.
 */
export const VALUE_MAGNITUDE_MAX = 1e12;

/** A reading value: a number or a numeric string; NaN, Infinity, absurd magnitudes and text are refused. */
export function parseValue(v: unknown): number | string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      return '数值须为有限数';
    }
    return Math.abs(v) > VALUE_MAGNITUDE_MAX
      ? `数值超出可接收范围 (绝对值 ≤ ${VALUE_MAGNITUDE_MAX})`
      : v;
  }
  if (
    typeof v === 'string' &&
    v.length <= 40 &&
    /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())
  ) {
    return parseValue(Number(v));
  }
  return '数值不是数字';
}
