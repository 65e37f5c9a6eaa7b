/**
 * @module The plans' indicators computed from live data (issue 8 §2), for any region subtree and date,
 * each citing its seed clause. A mine's status on the date comes from its status history (the last
 * change on or before it, else the status it had before its first later change). Each indicator
 * answers a value (percent), its numerator and denominator, so the board can show how it was got.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { IndicatorKey } from '../../../shared/targets.settings.ts';
import type { Db } from '../../platform/db/client.ts';
import { queryRows } from '../../platform/db/client.ts';

/** 非煤矿山 as the plans count them for standardization and scale (seed 000 一). */
const nonCoal = sql`mines.kind IN ('金属非金属地下矿山', '金属非金属露天矿山', '尾矿库')`;

/**
 * The mine's status on a date, from its history: the last change on or before it; else, when a later
 * change exists, the status before it (none when that change is the registration: the mine was not
 * there yet); else the current status.
 */
function statusOn(date: string): SQL {
  return sql`COALESCE(
    (SELECT s.to_status FROM mine_status_changes s WHERE s.mine_id = mines.id AND s.effective_date <= ${date}::date
      ORDER BY s.effective_date DESC, s.id DESC LIMIT 1),
    CASE WHEN EXISTS (SELECT 1 FROM mine_status_changes s WHERE s.mine_id = mines.id AND s.effective_date > ${date}::date)
      THEN (SELECT s.from_status FROM mine_status_changes s WHERE s.mine_id = mines.id AND s.effective_date > ${date}::date
        ORDER BY s.effective_date ASC, s.id ASC LIMIT 1)
      ELSE mines.status END)`;
}

export interface IndicatorValue {
  key: IndicatorKey;
  name: string;
  source: string;
  value: number | null;
  numerator: number;
  denominator: number;
  unit: '%';
}

interface Ratio {
  n: number;
  d: number;
}

const meta: Record<IndicatorKey, { name: string; source: string }> = {
  standardization2Plus: {
    name: '生产非煤矿山标准化二级及以上占比',
    source: 'seed 000 一; seed 002 七.5; seed 003',
  },
  standardization3Plus: {
    name: '生产非煤矿山标准化三级及以上占比',
    source: 'seed 000 一 (全部达到三级及以上); seed 003',
  },
  largeMediumShare: { name: '大中型非煤矿山占比', source: 'seed 000 一; seed 003 (吉林)' },
  smallMinesChange: {
    name: '小型非煤矿山数量较基准年变化',
    source: 'seed 000 一 (小型矿山数量减少 10%)',
  },
  monitoringCoverage: {
    name: '应建监测预警的矿山近 24 小时有数据的占比',
    source:
      'seed 000 一、第15条; seed 001 第17条; seed 004 第27条 (生产地下矿山、尾矿库、边坡 150 米以上露天矿山和排土场)',
  },
  hazardStockCleared: {
    name: '2024 年前存量重大事故隐患销号率',
    source: 'seed 001 第8条',
  },
};

/** Heights at which open pits and dumps must be monitored (seed 000 第15条: 150 米及以上). */
export const MONITORED_HEIGHT_M = 150;

async function ratio(db: Db, q: SQL): Promise<Ratio> {
  const [row] = await queryRows<Ratio>(db, q);
  return { n: Number(row?.n ?? 0), d: Number(row?.d ?? 0) };
}

/**
 * Every indicator for the mines matching `scope` (a condition on `mines`: the caller's jurisdiction and region) on `date` (YYYY-MM-DD); `baselineYear` is the year small mines are counted against.
 */
export async function evaluateIndicators(
  db: Db,
  scope: SQL,
  date: string,
  baselineYear: number,
): Promise<IndicatorValue[]> {
  const live = sql`mines.archived_at IS NULL OR mines.archived_at::date > ${date}::date`;
  const producingNonCoal = sql`FROM mines WHERE ${scope} AND (${live}) AND ${nonCoal} AND ${statusOn(date)} = '生产'`;
  const values: Record<IndicatorKey, Ratio> = {
    standardization2Plus: await ratio(
      db,
      sql`SELECT count(*) FILTER (WHERE mines.standardization_level IN ('一级', '二级'))::int AS n, count(*)::int AS d ${producingNonCoal}`,
    ),
    standardization3Plus: await ratio(
      db,
      sql`SELECT count(*) FILTER (WHERE mines.standardization_level IN ('一级', '二级', '三级'))::int AS n, count(*)::int AS d ${producingNonCoal}`,
    ),
    largeMediumShare: await ratio(
      db,
      sql`SELECT count(*) FILTER (WHERE mines.scale IN ('大型', '中型'))::int AS n, count(*)::int AS d ${producingNonCoal}`,
    ),
    smallMinesChange: await ratio(
      db,
      sql`SELECT
            (count(*) FILTER (WHERE ${statusOn(date)} <> '关闭'))::int AS n,
            (count(*) FILTER (WHERE mines.created_at::date <= ${`${baselineYear}-12-31`}::date
               AND ${statusOn(`${baselineYear}-12-31`)} <> '关闭'))::int AS d
          FROM mines WHERE ${scope} AND (${live}) AND ${nonCoal} AND mines.scale = '小型'`,
    ),
    monitoringCoverage: await ratio(
      db,
      sql`SELECT count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM monitoring_sensors s JOIN readings r ON r.sensor_no = s.no
                 WHERE s.mine_id = mines.id
                   AND r.ts > ((${date}::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '32 hours'
                   AND r.ts <= ((${date}::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '8 hours'))::int AS n,
              count(*)::int AS d
          FROM mines WHERE ${scope} AND (${live}) AND (
            (mines.kind IN ('煤矿井工', '金属非金属地下矿山') AND ${statusOn(date)} = '生产')
            OR (mines.kind = '尾矿库' AND ${statusOn(date)} <> '关闭')
            OR (mines.kind IN ('露天煤矿', '金属非金属露天矿山') AND mines.slope_height_m >= ${MONITORED_HEIGHT_M} AND ${statusOn(date)} <> '关闭')
            OR (mines.kind = '排土场' AND mines.dump_height_m >= ${MONITORED_HEIGHT_M} AND ${statusOn(date)} <> '关闭'))`,
    ),
    hazardStockCleared: await ratio(
      db,
      sql`SELECT count(*) FILTER (WHERE h.closed_at IS NOT NULL AND h.closed_at::date <= ${date}::date)::int AS n,
              count(*)::int AS d
          FROM hazards h JOIN mines ON mines.id = h.mine_id
         WHERE ${scope} AND h.found_on < '2024-01-01'::date`,
    ),
  };
  return (Object.keys(values) as IndicatorKey[]).map((key) => {
    const { n, d } = values[key];
    const value =
      d === 0
        ? null
        : key === 'smallMinesChange'
          ? Math.round(((n - d) / d) * 1000) / 10
          : Math.round((n / d) * 1000) / 10;
    return { key, ...meta[key], value, numerator: n, denominator: d, unit: '%' };
  });
}
