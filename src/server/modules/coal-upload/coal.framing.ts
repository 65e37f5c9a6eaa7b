/**
 * @module The framing of the coal upload files (煤安监办〔2019〕42号; MT/T 1201.1/.3-2023; REFERENCE §B6):
 * UTF-8 (a byte-order mark tolerated), no line breaks, the header segment and every record ending with
 * `~`, the file ending with `||`. A file in another encoding (GBK, as older KJ systems write) or cut off
 * before its `||` is refused here, with the record and field where it goes wrong.
 */
import { isUtf8 } from 'node:buffer';
import type { ProblemList } from './coal.problems.ts';

/** The decoded text of a file and where its records end. */
export interface CoalText {
  text: string;
  /** Index of the closing `||` in text. */
  bodyEnd: number;
  bom: boolean;
  /** ASCII whitespace after `||`. */
  trailer: string;
}

const BOM = [0xef, 0xbb, 0xbf];

/** The offset of the first byte that does not continue valid UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    let n = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      lo = c === 0xe0 ? 0xa0 : 0x80;
      hi = c === 0xed ? 0x9f : 0xbf;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      lo = c === 0xf0 ? 0x90 : 0x80;
      hi = c === 0xf4 ? 0x8f : 0xbf;
    } else {
      return i;
    }
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) {
        return i;
      }
    }
    i += n + 1;
  }
  return -1;
}

/** Whether the bytes read as GBK (so the refusal can say which encoding the file is in). */
function readsAsGbk(b: Uint8Array): boolean {
  try {
    new TextDecoder('gbk', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The record (0 = header) and the field index at a position of the text. */
export function placeOf(text: string, at: number): { record: number; field: number } {
  let record = 0;
  let start = 0;
  for (let i = text.indexOf('~'); i >= 0 && i < at; i = text.indexOf('~', i + 1)) {
    record++;
    start = i + 1;
  }
  let field = 0;
  for (let i = text.indexOf(';', start); i >= 0 && i < at; i = text.indexOf(';', i + 1)) {
    field++;
  }
  return { record, field };
}

/**
 * Decodes a file's bytes and finds its end, or reports why it cannot be read (wrong encoding: where the
 * first byte that is not UTF-8 is; no closing `||`: the record it stops in).
 * `fieldName(record, index)` names the field at a place.
 */
export function decodeCoalText(
  data: Uint8Array,
  problems: ProblemList,
  fieldName: (record: number, index: number) => string,
): CoalText | null {
  const bom = data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2];
  const bytes = bom ? data.subarray(3) : data;
  if (!isUtf8(bytes)) {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const prefix = Buffer.from(bytes.subarray(0, bad)).toString('utf8');
    const place = placeOf(prefix, prefix.length);
    // 1-based, counted in the file as received (with its byte-order mark).
    const byte = bad + 1 + (bom ? 3 : 0);
    problems.add(
      place.record,
      fieldName(place.record, place.field),
      readsAsGbk(bytes)
        ? `文件是 GBK 编码, 须为 UTF-8 (第 ${byte} 字节起无法按 UTF-8 读取)`
        : `文件不是有效的 UTF-8 编码 (第 ${byte} 字节)`,
    );
    return null;
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  let end = text.length;
  while (end > 0 && isAsciiSpace(text.charCodeAt(end - 1))) {
    end--;
  }
  if (end < 2 || text.charCodeAt(end - 1) !== 124 || text.charCodeAt(end - 2) !== 124) {
    const place = placeOf(text, end);
    problems.add(
      place.record,
      fieldName(place.record, place.field),
      '文件不完整: 末尾没有结束标志 "||" (文件被截断或仍在写入)',
    );
    return null;
  }
  return { text, bodyEnd: end - 2, bom, trailer: text.slice(end) };
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
