/**
 * @module All SQL of the mine-level series: the idempotent upsert (a period written again replaces its
 * value and source) and the range reads.
 */
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Factor, SeriesGranularity } from '../../../shared/leads.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { mineSeries } from './leads.table.ts';

export interface SeriesRow {
  mineId: string;
  factor: Factor;
  area: string;
  granularity: SeriesGranularity;
  periodStart: Date;
  value: number;
  source: string;
}

const CHUNK = 2000;

/** Writes the rows; returns how many were new and how many replaced an earlier value. */
export async function upsertSeries(
  tx: Db,
  rows: SeriesRow[],
  at: Date,
): Promise<{ inserted: number; replaced: number }> {
  let inserted = 0;
  let replaced = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const written = await tx
      .insert(mineSeries)
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, updatedAt: at })))
      .onConflictDoUpdate({
        target: [
          mineSeries.mineId,
          mineSeries.factor,
          mineSeries.area,
          mineSeries.granularity,
          mineSeries.periodStart,
        ],
        set: {
          value: sql`excluded.value`,
          source: sql`excluded.source`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .returning({ fresh: sql<boolean>`(xmax = 0)` });
    for (const w of written) {
      if (w.fresh) {
        inserted++;
      } else {
        replaced++;
      }
    }
  }
  return { inserted, replaced };
}

/** A mine's rows in [from, to), by factor, area and time. */
export async function readSeriesRows(
  db: Db,
  mineId: string,
  from: Date,
  to: Date,
  factors?: readonly Factor[],
) {
  return db
    .select({
      factor: mineSeries.factor,
      area: mineSeries.area,
      granularity: mineSeries.granularity,
      periodStart: mineSeries.periodStart,
      value: mineSeries.value,
    })
    .from(mineSeries)
    .where(
      and(
        eq(mineSeries.mineId, mineId),
        gte(mineSeries.periodStart, from),
        lt(mineSeries.periodStart, to),
        factors?.length ? inArray(mineSeries.factor, [...factors]) : undefined,
      ),
    )
    .orderBy(asc(mineSeries.factor), asc(mineSeries.area), asc(mineSeries.periodStart));
}

/** Mines with any series in [from, to) (the ones the evaluation looks at). */
export async function minesWithSeries(db: Db, from: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ mineId: mineSeries.mineId })
    .from(mineSeries)
    .where(gte(mineSeries.periodStart, from));
  return rows.map((r) => r.mineId);
}
