/**
 * @module The scalar values of the coal upload files, read straight from the decoded text by position
 * (no per-field regular expression, no substring unless the value is one) and written back: Beijing
 * wall-clock times `yyyy-MM-dd HH:mm:ss`, decimals `-?d+(.d+)?`, non-negative integers, fixed digit codes.
 */
import { SHANGHAI_OFFSET_MS } from '../../../shared/dates.ts';

/**
 * Largest magnitude a number may have (as the monitoring ingest allows: far beyond any instrument, and
 * small enough that statistics cannot overflow).
 */
export const NUMBER_MAGNITUDE_MAX = 1e12;

const D0 = 48;

/** The digit at `i`, or -1 when it is not one. */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - D0;
  return c >= 0 && c <= 9 ? c : -1;
}

function digits(text: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(text, i + k);
    if (d < 0) {
      return -1;
    }
    v = v * 10 + d;
  }
  return v;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : (DAYS[m - 1] ?? 0);
}

export const TIME_FORMAT_PROBLEM = '时间须为 yyyy-MM-dd HH:mm:ss 格式';
export const TIME_INVALID_PROBLEM = '时间不存在 (日期或时刻无效)';

/** The last time read: a file's records mostly carry the same few instants. */
let lastTimeText = '';
let lastTimeMs = 0;

/**
 * Reads `yyyy-MM-dd HH:mm:ss` at text[start, end) as a Beijing wall-clock time: epoch milliseconds, or
 * the reason it is not one.
 */
export function readTime(text: string, start: number, end: number): number | string {
  if (end - start !== 19) {
    return TIME_FORMAT_PROBLEM;
  }
  if (lastTimeText !== '' && text.startsWith(lastTimeText, start)) {
    return lastTimeMs;
  }
  if (
    text.charCodeAt(start + 4) !== 45 ||
    text.charCodeAt(start + 7) !== 45 ||
    text.charCodeAt(start + 10) !== 32 ||
    text.charCodeAt(start + 13) !== 58 ||
    text.charCodeAt(start + 16) !== 58
  ) {
    return TIME_FORMAT_PROBLEM;
  }
  const y = digits(text, start, 4);
  const mo = digits(text, start + 5, 2);
  const d = digits(text, start + 8, 2);
  const h = digits(text, start + 11, 2);
  const mi = digits(text, start + 14, 2);
  const s = digits(text, start + 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) {
    return TIME_FORMAT_PROBLEM;
  }
  if (y < 1970) {
    return '时间早于 1970 年';
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) {
    return TIME_INVALID_PROBLEM;
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - SHANGHAI_OFFSET_MS;
  lastTimeText = text.slice(start, end);
  lastTimeMs = ms;
  return ms;
}

/** Reads a calendar date `yyyy-MM-dd`: the text, or the reason it is not one. */
export function readDate(text: string): string | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) {
    return '日期须为 yyyy-MM-dd 格式';
  }
  const [y, m, d] = [digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)];
  if (y < 0 || m < 0 || d < 0) {
    return '日期须为 yyyy-MM-dd 格式';
  }
  return y < 1900 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) ? '日期不存在' : null;
}

let lastFormattedMs = Number.NaN;
let lastFormatted = '';

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** An instant as the files write it: Beijing wall-clock `yyyy-MM-dd HH:mm:ss`. */
export function formatTime(ms: number): string {
  if (ms === lastFormattedMs) {
    return lastFormatted;
  }
  const t = new Date(ms + SHANGHAI_OFFSET_MS);
  lastFormatted = `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
  lastFormattedMs = ms;
  return lastFormatted;
}

/** An instant as the file names write it: `yyyyMMddHHmmss`. */
export function formatCompactTime(ms: number): string {
  return formatTime(ms).replace(/[- :]/g, '');
}

export const NUMBER_PROBLEM = '不是数字 (须为十进制数, 如 0.45、-9999)';
export const NUMBER_RANGE_PROBLEM = `数值超出可接收范围 (绝对值 ≤ ${NUMBER_MAGNITUDE_MAX})`;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** The result of reading a decimal: its value and whether the text is the value's shortest form. */
export interface DecimalRead {
  value: number;
  /** String(value) gives the text back. */
  canonical: boolean;
}

/** Reused: one decimal is read at a time. */
const read: DecimalRead = { value: 0, canonical: true };

/**
 * Reads `-?d+(.d+)?` at text[start, end): the shared DecimalRead (valid until the next call), or the
 * reason it is not a number. Up to 15 significant digits the value is computed exactly as Number() would
 * (an exact integer over an exact power of ten, one rounding), without making a substring.
 */
export function readDecimal(text: string, start: number, end: number): DecimalRead | string {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative) {
    i++;
  }
  const intStart = i;
  let mantissa = 0;
  let significant = 0;
  for (; i < end; i++) {
    const d = digit(text, i);
    if (d < 0) {
      break;
    }
    mantissa = mantissa * 10 + d;
    if (significant > 0 || d > 0) {
      significant++;
    }
  }
  const intDigits = i - intStart;
  if (intDigits === 0) {
    return NUMBER_PROBLEM;
  }
  let fracDigits = 0;
  let lastFrac = -1;
  let leadingFracZeros = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== 46) {
      return NUMBER_PROBLEM;
    }
    i++;
    for (; i < end; i++) {
      const d = digit(text, i);
      if (d < 0) {
        return NUMBER_PROBLEM;
      }
      mantissa = mantissa * 10 + d;
      if (significant > 0 || d > 0) {
        significant++;
      } else {
        leadingFracZeros++;
      }
      fracDigits++;
      lastFrac = d;
    }
    if (fracDigits === 0) {
      return NUMBER_PROBLEM;
    }
  }
  const exact = significant <= 15 && fracDigits <= 22;
  // -0 reads as 0 (its text is kept as not canonical, so a written file still has it).
  const value =
    mantissa === 0
      ? 0
      : exact
        ? (negative ? -mantissa : mantissa) / (POW10[fracDigits] as number)
        : Number(text.slice(start, end));
  if (!(Math.abs(value) <= NUMBER_MAGNITUDE_MAX)) {
    return NUMBER_RANGE_PROBLEM;
  }
  read.value = value;
  read.canonical =
    exact &&
    !(intDigits > 1 && text.charCodeAt(intStart) === D0) &&
    lastFrac !== 0 &&
    !(negative && mantissa === 0) &&
    !(
      mantissa !== 0 &&
      intDigits === 1 &&
      text.charCodeAt(intStart) === D0 &&
      leadingFracZeros >= 6
    );
  if (!exact) {
    read.canonical = String(value) === text.slice(start, end);
  }
  return read;
}

/** A number as the files write it: its shortest decimal form, never an exponent. */
export function formatDecimal(value: number): string {
  const s = String(value);
  const e = s.indexOf('e');
  if (e < 0) {
    return s;
  }
  // Below 1e-6 (and from 1e21) String() writes an exponent, which the files do not allow: the same
  // digits written out in full read back as the same number.
  const negative = s.startsWith('-');
  const digitsOf = s.slice(negative ? 1 : 0, e).replace('.', '');
  const exponent = Number(s.slice(e + 1));
  const body =
    exponent < 0 ? `0.${'0'.repeat(-exponent - 1)}${digitsOf}` : digitsOf.padEnd(exponent + 1, '0');
  return negative ? `-${body}` : body;
}

/** Reads a non-negative integer of at most 9 digits at text[start, end), or -1. */
export function readInt(text: string, start: number, end: number): number {
  const n = end - start;
  if (n < 1 || n > 9 || (n > 1 && text.charCodeAt(start) === D0)) {
    return -1;
  }
  return digits(text, start, n);
}

/** Whether text[start, end) is exactly `length` decimal digits. */
export function isDigits(text: string, start: number, end: number, length: number): boolean {
  if (end - start !== length) {
    return false;
  }
  for (let i = start; i < end; i++) {
    if (digit(text, i) < 0) {
      return false;
    }
  }
  return true;
}
