/**
 * @module The fast path of the most frequent file, CDSS 实时数据 (MT/T 1201.1-2023; a mine writes one every
 * few seconds): one record read with its separators found by indexOf, its record built by one
 * constructor (one hidden class), the type name and unit shared with the previous record when equal. It
 * accepts exactly what the generic reader (coal.fields.ts) accepts and gives the same records; a record
 * it cannot take is handed back to the generic reader, which reports its problems.
 */
import type { CompiledCatalogue } from './coal.codes.ts';
import type { CdssRecord } from './coal.records.ts';
import { readDecimal, readInt, readTime } from './coal.values.ts';

/**
 * A CDSS record made by a constructor rather than an object literal: V8 moves the objects of a literal
 * whose objects live long (a parsed file keeps all its records) straight to the old generation, and the
 * write barriers and marking that follow made a large file a third slower (measured). The fields are
 * those of the layout, in its order; it compares equal to the generic reader's plain records.
 */
class CdssRow implements CdssRecord {
  declare numberTexts?: Record<string, string>;

  constructor(
    public pointCode: string,
    public sensorTypeName: string,
    public location: string,
    public value: number,
    public unit: string,
    public status: number,
    public time: number,
  ) {}
}

/** Reads the CDSS record text[start, end), or null when the generic reader must look at it. */
export function readCdssRecord(
  text: string,
  start: number,
  end: number,
  catalogue: CompiledCatalogue,
  previous: CdssRecord | undefined,
): CdssRecord | null {
  const s1 = text.indexOf(';', start);
  const s2 = text.indexOf(';', s1 + 1);
  const s3 = text.indexOf(';', s2 + 1);
  const s4 = text.indexOf(';', s3 + 1);
  const s5 = text.indexOf(';', s4 + 1);
  const s6 = text.indexOf(';', s5 + 1);
  // Six separators inside the record, none after the sixth, and a non-empty 测点编码.
  if (
    s1 <= start ||
    s2 < s1 ||
    s3 < s2 ||
    s4 < s3 ||
    s5 < s4 ||
    s6 < s5 ||
    s6 >= end ||
    text.lastIndexOf(';', end - 1) !== s6
  ) {
    return null;
  }
  const value = readDecimal(text, s3 + 1, s4);
  if (typeof value === 'string') {
    return null;
  }
  const v = value.value;
  const canonical = value.canonical;
  const status = readInt(text, s5 + 1, s6);
  if (status < 0 || (status & ~catalogue.statusMask) !== 0) {
    return null;
  }
  const time = readTime(text, s6 + 1, end);
  if (typeof time === 'string') {
    return null;
  }
  const record = new CdssRow(
    text.slice(start, s1),
    same(text, s1 + 1, s2, previous?.sensorTypeName),
    text.slice(s2 + 1, s3),
    v,
    same(text, s4 + 1, s5, previous?.unit),
    status,
    time,
  );
  if (!canonical) {
    record.numberTexts = { value: text.slice(s3 + 1, s4) };
  }
  return record;
}

/** text[s, e), sharing `prev` when it is the same text (no new string for a repeated type or unit). */
function same(text: string, s: number, e: number, prev: string | undefined): string {
  return prev !== undefined && prev.length === e - s && text.startsWith(prev, s)
    ? prev
    : text.slice(s, e);
}
