/**
 * @module The SQL of job claims: one conditional upsert claims a job (atomic on PostgreSQL, where two
 * processes may race for it), one update releases it with the run's result.
 */
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/client.ts';
import { jobClaims } from './job-claim.table.ts';

/**
 * Claims a job for `owner` until `heldUntil`, unless another process holds it, or (when `notBefore` is
 * given) it started anywhere after `notBefore`. Returns whether the claim was taken.
 */
export async function claimJob(
  db: Db,
  claim: { name: string; owner: string; now: Date; heldUntil: Date; notBefore?: Date | undefined },
): Promise<boolean> {
  const recent = claim.notBefore
    ? sql`AND ${jobClaims.lastStartedAt} <= ${claim.notBefore.toISOString()}`
    : sql``;
  const rows = await queryRows<{ name: string }>(
    db,
    sql`INSERT INTO ${jobClaims} (name, owner, held_until, last_started_at)
        VALUES (${claim.name}, ${claim.owner}, ${claim.heldUntil.toISOString()}, ${claim.now.toISOString()})
        ON CONFLICT (name) DO UPDATE
          SET owner = excluded.owner, held_until = excluded.held_until,
              last_started_at = excluded.last_started_at
          WHERE (${jobClaims.heldUntil} <= ${claim.now.toISOString()} OR ${jobClaims.owner} = ${claim.owner})
            ${recent}
        RETURNING name`,
  );
  return rows.length > 0;
}

/** Extends `owner`'s claim on a job while its run lasts; false when it is no longer theirs. */
export async function renewJob(
  db: Db,
  renew: { name: string; owner: string; heldUntil: Date },
): Promise<boolean> {
  const rows = await db
    .update(jobClaims)
    .set({ heldUntil: renew.heldUntil })
    .where(and(eq(jobClaims.name, renew.name), eq(jobClaims.owner, renew.owner)))
    .returning({ name: jobClaims.name });
  return rows.length > 0;
}

/** Ends `owner`'s claim on a job and records what the run did. */
export async function releaseJob(
  db: Db,
  release: { name: string; owner: string; now: Date; result: unknown },
): Promise<void> {
  await db
    .update(jobClaims)
    .set({ heldUntil: release.now, lastFinishedAt: release.now, lastResult: release.result })
    .where(and(eq(jobClaims.name, release.name), eq(jobClaims.owner, release.owner)));
}
