/**
 * @module The personnel-positioning files (MT/T 1201.3-2023, 煤安监办〔2019〕42号 附件2; REFERENCE §B6) into
 * the product: RYXX cards, RYQY areas with their 核定人数, RYJZ stations (a newer file's different
 * content replaces the stored), and RYSS — where each card is as of the file's upload time, its descents
 * (入井 → 出井, read for 领导带班下井) and the headcount per area at that time, whose hourly peaks become
 * the 井下人数 series the 超定员 and 明停暗开 rules read.
 */
import { DAY_MS, HOUR_MS } from '../../../shared/dates.ts';
import { writeDerivedSeries } from '../leads/series.service.ts';
import type { MapContext, Tally } from './coal-map.ts';
import * as repo from './coal-positioning.repository.ts';
import type { RyjzRecord, RyqyRecord, RyssRecord, RyxxRecord } from './coal.records.ts';

const yes = (v: '0' | '1' | null) => (v === null ? null : v === '1');
const at = (t: number | null) => (t === null ? null : new Date(t));

function count(tally: Tally, total: number, written: number) {
  tally.stored += written;
  tally.duplicates += total - written;
}

/** The last record of each key (a file that names a card twice: its last word counts). */
function lastOf<T>(records: T[], key: (r: T) => string): T[] {
  return [...new Map(records.map((r) => [key(r), r] as const)).values()];
}

export async function mapRyxx(ctx: MapContext, records: RyxxRecord[], tally: Tally) {
  const rows = lastOf(records, (r) => r.cardCode).map((r) => ({
    mineId: ctx.mine.id,
    cardCode: r.cardCode,
    name: r.name,
    jobKind: r.jobKind,
    title: r.title,
    team: r.team,
    isLeader: yes(r.isLeader),
    isSpecial: yes(r.isSpecial),
    definedAt: ctx.uploadedAt,
  }));
  count(tally, records.length, await repo.upsertCards(ctx.tx, rows));
}

export async function mapRyqy(ctx: MapContext, records: RyqyRecord[], tally: Tally) {
  const rows = lastOf(records, (r) => r.areaCode).map((r) => ({
    mineId: ctx.mine.id,
    areaCode: r.areaCode,
    areaType: r.areaType,
    name: r.areaName,
    quota: r.quota,
    definedAt: ctx.uploadedAt,
  }));
  count(tally, records.length, await repo.upsertAreas(ctx.tx, rows));
}

export async function mapRyjz(ctx: MapContext, records: RyjzRecord[], tally: Tally) {
  const rows = lastOf(records, (r) => r.stationCode).map((r) => ({
    mineId: ctx.mine.id,
    stationCode: r.stationCode,
    name: r.stationName,
    x: r.x,
    y: r.y,
    z: r.z,
    note: r.note,
    definedAt: ctx.uploadedAt,
  }));
  count(tally, records.length, await repo.upsertStations(ctx.tx, rows));
}

export async function mapRyss(ctx: MapContext, records: RyssRecord[], tally: Tally) {
  const { tx, mine } = ctx;
  const seenAt = ctx.uploadedAt;
  const latest = lastOf(records, (r) => r.cardCode);
  for (const [i, r] of records.entries()) {
    if (r.inOut === '1' && r.inAt === null) {
      tally.warn(i + 1, '入井时刻', '入井人员缺少入井时刻: 不计入带班下井统计');
    }
  }
  const written = await repo.upsertPresence(
    tx,
    latest.map((r) => ({
      mineId: mine.id,
      cardCode: r.cardCode,
      name: r.name,
      inOut: r.inOut,
      inAt: at(r.inAt),
      outAt: at(r.outAt),
      areaCode: r.areaCode,
      areaAt: at(r.areaAt),
      stationCode: r.stationCode,
      stationAt: at(r.stationAt),
      shiftMode: r.shiftMode,
      workStatus: r.workStatus,
      isLeader: yes(r.isLeader),
      isSpecial: yes(r.isSpecial),
      seenAt,
    })),
  );
  count(tally, records.length, written);
  await repo.upsertDescents(
    tx,
    lastOf(
      records.filter((r) => r.inAt !== null),
      (r) => `${r.cardCode}|${r.inAt}`,
    ).map((r) => ({
      mineId: mine.id,
      cardCode: r.cardCode,
      inAt: new Date(r.inAt as number),
      outAt: r.inOut === '2' ? at(r.outAt) : null,
      name: r.name,
      isLeader: yes(r.isLeader),
    })),
  );
  // The headcount at the upload time: everyone the file reports underground, per area and in all.
  const down = latest.filter((r) => r.inOut === '1');
  const perArea = new Map<string, number>([['', down.length]]);
  for (const r of down) {
    if (r.areaCode) {
      perArea.set(r.areaCode, (perArea.get(r.areaCode) ?? 0) + 1);
    }
  }
  await repo.insertHeadcounts(
    tx,
    [...perArea].map(([areaCode, n]) => ({ mineId: mine.id, at: seenAt, areaCode, count: n })),
  );
  await writeHeadcountSeries(ctx, seenAt);
}

/**
 * The hour's peak headcount per area (named as RYQY names it) and for the whole mine into the mine-level
 * series 井下人数 (issue 6 §1: the 超定员 and 明停暗开 rules read it), source `mt1201`.
 */
async function writeHeadcountSeries(ctx: MapContext, t: Date) {
  const hour = Math.floor(t.getTime() / HOUR_MS) * HOUR_MS;
  const peaks = await repo.hourlyPeaks(
    ctx.tx,
    ctx.mine.id,
    new Date(hour),
    new Date(hour + HOUR_MS),
  );
  await writeDerivedSeries(
    ctx.tx,
    peaks.map((p) => ({
      mineId: ctx.mine.id,
      factor: '井下人数' as const,
      area: p.area_code === '' ? '' : (p.name ?? p.area_code),
      granularity: 'hour' as const,
      periodStart: new Date(p.hour),
      value: p.peak,
      source: 'mt1201',
    })),
    ctx.at,
  );
}

/** The first instant of a month `YYYY-MM` in China Standard Time, and of the next. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = Date.UTC(y, m - 1, 1) - 8 * HOUR_MS;
  const to = Date.UTC(y, m, 1) - 8 * HOUR_MS;
  return { from: new Date(from), to: new Date(Math.max(to, from + DAY_MS)) };
}
