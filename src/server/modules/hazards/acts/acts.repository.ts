/**
 * @module SQL of the acts of an overdue hazard's ladder steps: the steps the ladder reached, the facts a
 * 函告 or 通报 is drawn from, the 约谈 and its commitments, the exposures, the public list, and the
 * overdue commitments for the ladder.
 */
import { and, asc, eq, isNull, like, lte, ne, sql } from 'drizzle-orm';
import { HazardState } from '../../../../shared/hazard.enums.ts';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/client.ts';
import { escalations } from '../../../platform/escalation/escalation.table.ts';
import { organisations, users } from '../../access/access.table.ts';
import { enterprises } from '../../registry/enterprise.table.ts';
import { mines } from '../../registry/mine.table.ts';
import { regions } from '../../registry/region.table.ts';
import { hazardCriteria, hazards } from '../hazard.table.ts';
import { hazardExposures, hazardInterviewCommitments, hazardInterviews } from './acts.table.ts';

/** The steps of the hazard's ladder already taken, with the day each fell due. */
export async function stepsReached(db: Db, hazardId: string) {
  return db
    .select({ step: escalations.step, dueOn: escalations.dueOn })
    .from(escalations)
    .where(and(eq(escalations.subjectType, 'hazard'), eq(escalations.subjectId, hazardId)));
}

/** The enterprise of a mine (the party a 函告 is addressed to). */
export async function enterpriseOfMine(db: Db, mineId: string) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(mines)
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .where(eq(mines.id, mineId));
  return row;
}

export async function insertInterview(db: Db, values: typeof hazardInterviews.$inferInsert) {
  const [row] = await db
    .insert(hazardInterviews)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: hazardInterviews.id });
  return row?.id;
}

export async function insertCommitments(
  db: Db,
  values: (typeof hazardInterviewCommitments.$inferInsert)[],
) {
  await db.insert(hazardInterviewCommitments).values(values);
}

/** The hazard's 约谈 with its unit's name, if one was held. */
export async function interviewOfHazard(db: Db, hazardId: string) {
  const [row] = await db
    .select({ interview: hazardInterviews, unitName: organisations.name })
    .from(hazardInterviews)
    .innerJoin(organisations, eq(organisations.id, hazardInterviews.organisationId))
    .where(eq(hazardInterviews.hazardId, hazardId));
  return row;
}

export async function commitmentsOfInterview(db: Db, interviewId: string) {
  return db
    .select()
    .from(hazardInterviewCommitments)
    .where(eq(hazardInterviewCommitments.interviewId, interviewId))
    .orderBy(asc(hazardInterviewCommitments.deadline), asc(hazardInterviewCommitments.id));
}

/** A commitment of the hazard, locked until the transaction ends. */
export async function findCommitment(db: Db, hazardId: string, id: string) {
  const [row] = await db
    .select()
    .from(hazardInterviewCommitments)
    .where(
      and(eq(hazardInterviewCommitments.id, id), eq(hazardInterviewCommitments.hazardId, hazardId)),
    )
    .for('update');
  return row;
}

export async function fulfilCommitment(db: Db, id: string, fulfilledOn: string) {
  await db
    .update(hazardInterviewCommitments)
    .set({ fulfilledOn })
    .where(eq(hazardInterviewCommitments.id, id));
}

/** Stores an 曝光; undefined when one is already in force for the hazard. */
export async function insertExposure(db: Db, values: typeof hazardExposures.$inferInsert) {
  const [row] = await db
    .insert(hazardExposures)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: hazardExposures.id });
  return row?.id;
}

const withdrawer = alias(users, 'withdrawer');

/** The hazard's exposures, oldest first, with the unit and who withdrew each. */
export async function exposuresOfHazard(db: Db, hazardId: string) {
  return db
    .select({
      exposure: hazardExposures,
      unitName: organisations.name,
      withdrawnByName: withdrawer.displayName,
    })
    .from(hazardExposures)
    .innerJoin(organisations, eq(organisations.id, hazardExposures.organisationId))
    .leftJoin(withdrawer, eq(withdrawer.id, hazardExposures.withdrawnBy))
    .where(eq(hazardExposures.hazardId, hazardId))
    .orderBy(asc(hazardExposures.exposedAt));
}

/** An exposure of the hazard, locked until the transaction ends. */
export async function findExposure(db: Db, hazardId: string, id: string) {
  const [row] = await db
    .select()
    .from(hazardExposures)
    .where(and(eq(hazardExposures.id, id), eq(hazardExposures.hazardId, hazardId)))
    .for('update');
  return row;
}

export async function withdrawExposure(
  db: Db,
  id: string,
  w: { at: Date; by: string; reason: string },
) {
  await db
    .update(hazardExposures)
    .set({ withdrawnAt: w.at, withdrawnBy: w.by, withdrawnReason: w.reason })
    .where(eq(hazardExposures.id, id));
}

/** The exposures in force, newest first, optionally within a region subtree (by code prefix). */
export async function exposuresInForce(db: Db, regionPrefix: string | undefined) {
  return db
    .select({
      exposedOn: hazardExposures.exposedOn,
      unitName: organisations.name,
      countyName: regions.name,
      mineName: mines.name,
      enterpriseName: enterprises.name,
      criterionCode: hazardCriteria.code,
      description: hazards.description,
      reason: hazardExposures.reason,
    })
    .from(hazardExposures)
    .innerJoin(hazards, eq(hazards.id, hazardExposures.hazardId))
    .innerJoin(hazardCriteria, eq(hazardCriteria.id, hazards.criterionId))
    .innerJoin(mines, eq(mines.id, hazardExposures.mineId))
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .innerJoin(organisations, eq(organisations.id, hazardExposures.organisationId))
    .where(
      and(
        isNull(hazardExposures.withdrawnAt),
        // A hazard rectified and 销号 is no longer 整改逾期: it leaves the public page.
        ne(hazards.state, HazardState.Closed),
        regionPrefix ? like(mines.countyCode, `${regionPrefix}%`) : undefined,
      ),
    )
    .orderBy(sql`${hazardExposures.exposedOn} DESC`, asc(mines.name))
    .limit(1000);
}

/**
 * Commitments not fulfilled whose deadline is on or before `latestDeadline`, of hazards not yet 销号,
 * with what the ladder tells.
 */
export async function overdueCommitments(db: Db, latestDeadline: string) {
  return db
    .select({
      id: hazardInterviewCommitments.id,
      hazardId: hazardInterviewCommitments.hazardId,
      text: hazardInterviewCommitments.text,
      deadline: hazardInterviewCommitments.deadline,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
      mineName: mines.name,
    })
    .from(hazardInterviewCommitments)
    .innerJoin(hazards, eq(hazards.id, hazardInterviewCommitments.hazardId))
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .where(
      and(
        isNull(hazardInterviewCommitments.fulfilledOn),
        lte(hazardInterviewCommitments.deadline, latestDeadline),
        ne(hazards.state, HazardState.Closed),
      ),
    );
}
