/**
 * @module The escalation ladder shared by every module with deadlines (overdue hazards now, overdue plan
 * tasks and missing reports later): which steps are due for a deadline on a day, and claiming them so
 * that each runs exactly once. It keeps no timers: a job calls it, and after downtime the next call
 * catches up on every step that fell due meanwhile.
 */
import { and, eq, like } from 'drizzle-orm';
import { z } from 'zod';
import { addDays } from '../../../shared/dates.ts';
import { escalations } from './escalation.table.ts';
import type { Db } from '../db/client.ts';

/** One rung: its name, when it falls due relative to the deadline, and who is told. */
export const LadderStepSchema = z.strictObject({
  step: z.string().min(1).max(20),
  offsetDays: z.number().int().min(-365).max(3650).describe('相对时限的天数 (负数为时限前)'),
  notify: z.array(z.enum(['enterprise', 'regulator'])).min(1),
});
export type LadderStep = z.infer<typeof LadderStepSchema>;
export const LadderSchema = z.array(LadderStepSchema).min(1).max(10);

/**
 * The latest deadline for which some step of the ladder can be due on `today` (deadline + the earliest
 * offset ≤ today): subjects with a later deadline need not be read.
 */
export function latestDueDeadline(ladder: LadderStep[], today: string): string {
  return addDays(today, -Math.min(...ladder.map((s) => s.offsetDays)));
}

/** The steps whose due date (deadline + offset) is on or before `today`, with that date. */
export function dueSteps(
  deadline: string,
  ladder: LadderStep[],
  today: string,
): (LadderStep & { dueOn: string })[] {
  return ladder
    .map((s) => ({ ...s, dueOn: addDays(deadline, s.offsetDays) }))
    .filter((s) => s.dueOn <= today);
}

/**
 * Records the due steps of one subject inside the caller's transaction and returns those that were not
 * taken before: the caller acts on exactly these (notifications, timeline, audit).
 */
export async function claimSteps<S extends { step: string; dueOn: string }>(
  tx: Db,
  subject: { type: string; id: string },
  steps: S[],
  at: Date,
): Promise<S[]> {
  if (steps.length === 0) {
    return [];
  }
  const inserted = await tx
    .insert(escalations)
    .values(
      steps.map((s) => ({
        subjectType: subject.type,
        subjectId: subject.id,
        step: s.step,
        dueOn: s.dueOn,
        executedAt: at,
      })),
    )
    .onConflictDoNothing()
    .returning({ step: escalations.step });
  const claimed = new Set(inserted.map((r) => r.step));
  return steps.filter((s) => claimed.has(s.step));
}

/**
 * The steps already taken for the subjects of a type whose id ends with `idSuffix` (e.g. ":2025-03" for
 * the missing reports of a period), so that a run can skip the subjects with nothing left to take.
 */
export async function stepsTaken(
  db: Db,
  subjectType: string,
  idSuffix: string,
): Promise<{ subjectId: string; step: string }[]> {
  return db
    .select({ subjectId: escalations.subjectId, step: escalations.step })
    .from(escalations)
    .where(
      and(eq(escalations.subjectType, subjectType), like(escalations.subjectId, `%${idSuffix}`)),
    );
}
