/**
 * @module Periods in meter exports: `2026-11-01` (a day), `2026-11-01 08:00` or `2026/11/01 08:00:00`
 * (an hour, China Standard Time unless an offset is given), ISO 8601 with an offset, or an xlsx date
 * cell (its wall-clock time, read as CST). Impossible dates are refused, never rolled over.
 */
import type { SeriesGranularity } from '../../../shared/leads.enums.ts';
import { parseTime } from '../monitoring/ingest.parse.ts';
import { SHANGHAI_OFFSET_MS, HOUR_MS } from '../../../shared/dates.ts';

const naive = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export type PeriodResult = { ok: true; at: Date } | { ok: false; message: string };

function fromWallClock(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return undefined;
  }
  return utc - SHANGHAI_OFFSET_MS;
}

export function parsePeriod(cell: unknown, granularity: SeriesGranularity): PeriodResult {
  let ms: number | undefined;
  if (cell instanceof Date) {
    ms = Number.isNaN(cell.getTime()) ? undefined : cell.getTime() - SHANGHAI_OFFSET_MS;
  } else if (typeof cell === 'string') {
    const text = cell.trim();
    const m = naive.exec(text);
    if (m) {
      const n = (i: number) => Number(m[i] ?? 0);
      ms = fromWallClock(n(1), n(2), n(3), n(4), n(5), n(6));
      if (ms === undefined) {
        return { ok: false, message: '日期或时间不存在' };
      }
    } else if (withOffset.test(text)) {
      // The ingest's parser, which refuses what Date.parse would roll over (2026-02-30 → 03-02).
      const t = parseTime(text);
      if (typeof t === 'string') {
        return { ok: false, message: '日期或时间不存在' };
      }
      ms = t;
    }
  }
  if (ms === undefined || !Number.isFinite(ms)) {
    return { ok: false, message: '时段格式无效 (应为 YYYY-MM-DD 或 YYYY-MM-DD HH:00)' };
  }
  const local = ms + SHANGHAI_OFFSET_MS;
  if (granularity === 'hour' && local % HOUR_MS !== 0) {
    return { ok: false, message: '小时数据的时段须为整点' };
  }
  if (granularity === 'day' && local % (24 * HOUR_MS) !== 0) {
    return { ok: false, message: '日数据的时段须为日期 (不含时刻)' };
  }
  return { ok: true, at: new Date(ms) };
}
