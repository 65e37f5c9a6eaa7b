/**
 * NDJSON parsing: the one-call fast path and the line-by-line path agree on records and indexes.
 */
import { describe, expect, it } from 'vitest';
import { parseBatch, parseTime } from './ingest.parse.ts';

const a = '{"sensor":"A","ts":"2026-11-23T08:00:00+08:00","value":1}';
const b = '{"sensor":"B","ts":"2026-11-23T08:00:00+08:00","value":2}';

describe('NDJSON', () => {
  it('reads lines with CRLF, surrounding spaces and a trailing newline', () => {
    const r = parseBatch('ndjson', ` ${a}\r\n${b} \n`);
    expect(r.rejected).toEqual([]);
    expect(r.records.map((x) => x?.sensor)).toEqual(['A', 'B']);
  });

  it('skips blank lines without shifting indexes of the records after them', () => {
    const r = parseBatch('ndjson', `${a}\n\n   \nnot json\n${b}`);
    expect(r.records.map((x) => x?.sensor ?? null)).toEqual(['A', null, 'B']);
    expect(r.rejected).toEqual([{ index: 1, field: 'record', message: '该行不是 JSON 对象' }]);
  });

  it('refuses a line holding two objects instead of taking both', () => {
    const r = parseBatch('ndjson', `${a},${b}\n${b}`);
    expect(r.records.map((x) => x?.sensor ?? null)).toEqual([null, 'B']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]?.index).toBe(0);
  });

  it('refuses lines that are JSON but not objects', () => {
    const r = parseBatch('ndjson', `${a}\n[1,2]\n3\n${b}`);
    expect(r.rejected.map((x) => x.index)).toEqual([1, 2]);
  });
});

describe('parseTime', () => {
  it('gives the same instant for a repeated string and checks each new one', () => {
    expect(parseTime('2026-11-23T08:00:00+08:00')).toBe(Date.parse('2026-11-23T00:00:00Z'));
    expect(parseTime('2026-11-23T08:00:00+08:00')).toBe(Date.parse('2026-11-23T00:00:00Z'));
    expect(typeof parseTime('2026-11-23 08:00:00')).toBe('string');
    expect(parseTime('2026-02-30T08:00:00Z')).toBe('时间不存在 (日期无效)');
    expect(parseTime('2028-02-29T08:00:00Z')).toBe(Date.parse('2028-02-29T08:00:00Z'));
    expect(parseTime('2026-13-01T08:00:00Z')).toBe('时间不存在 (日期无效)');
  });
});
