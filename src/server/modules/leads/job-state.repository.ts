/** @module All SQL of the leads jobs' watermarks (`leads_job_state`: the roll-up, the last evaluation). */
import type { Db } from '../../platform/db/client.ts';
import { eq } from 'drizzle-orm';
import { leadsJobState } from './leads.table.ts';

/** The watermark stored under `key`, if any. */
export async function readJobState(db: Db, key: string): Promise<Date | undefined> {
  const [row] = await db.select().from(leadsJobState).where(eq(leadsJobState.key, key));
  return row?.at;
}

/** Stores the watermark under `key` (inserted or replaced). */
export async function writeJobState(db: Db, key: string, at: Date): Promise<void> {
  await db
    .insert(leadsJobState)
    .values({ key, at })
    .onConflictDoUpdate({ target: leadsJobState.key, set: { at } });
}
