/**
 * @module SQL of 应急准备与培训: a mine's registers, the people a record may name, the state of every mine
 * in a scope for the findings (last plan, drills, agreement, practice, training shortfall, 两单两卡), the
 * 逢查必考 results of an inspection, and the 两单两卡 coverage rows of the 攻坚清单 indicator.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DrillKind } from '../../../shared/emergency.ts';
import type { MineKind } from '../../../shared/registry.enums.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { people } from '../registry/person.table.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import {
  emergencyDrills,
  emergencyPlans,
  inspectionExams,
  postCards,
  rescueAgreements,
  safetyTrainings,
  selfRescuePractices,
} from './emergency.table.ts';

/** The registers of one mine, newest first (two-card rows by post). */
export async function registersOf(db: Db, mineId: string) {
  const [plans, drills, agreements, trainings, practices, cards] = await Promise.all([
    db
      .select()
      .from(emergencyPlans)
      .where(eq(emergencyPlans.mineId, mineId))
      .orderBy(desc(emergencyPlans.revisedOn), desc(emergencyPlans.createdAt)),
    db
      .select()
      .from(emergencyDrills)
      .where(eq(emergencyDrills.mineId, mineId))
      .orderBy(desc(emergencyDrills.drilledOn), desc(emergencyDrills.createdAt)),
    db
      .select()
      .from(rescueAgreements)
      .where(eq(rescueAgreements.mineId, mineId))
      .orderBy(desc(rescueAgreements.validUntil)),
    db
      .select()
      .from(safetyTrainings)
      .where(eq(safetyTrainings.mineId, mineId))
      .orderBy(desc(safetyTrainings.trainedOn), desc(safetyTrainings.createdAt)),
    db
      .select()
      .from(selfRescuePractices)
      .where(eq(selfRescuePractices.mineId, mineId))
      .orderBy(desc(selfRescuePractices.practisedOn), desc(selfRescuePractices.createdAt)),
    db.select().from(postCards).where(eq(postCards.mineId, mineId)).orderBy(asc(postCards.post)),
  ]);
  return { plans, drills, agreements, trainings, practices, cards };
}
export type Registers = Awaited<ReturnType<typeof registersOf>>;

/** The active (unarchived) people of a mine, by name. */
export function activePeople(db: Db, mineId: string) {
  return db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.mineId, mineId), isNull(people.archivedAt)))
    .orderBy(asc(people.name));
}

export async function insertPlan(db: Db, v: typeof emergencyPlans.$inferInsert) {
  const [row] = await db.insert(emergencyPlans).values(v).returning({ id: emergencyPlans.id });
  return row?.id;
}
export async function insertDrill(db: Db, v: typeof emergencyDrills.$inferInsert) {
  const [row] = await db.insert(emergencyDrills).values(v).returning({ id: emergencyDrills.id });
  return row?.id;
}
export async function insertAgreement(db: Db, v: typeof rescueAgreements.$inferInsert) {
  const [row] = await db.insert(rescueAgreements).values(v).returning({ id: rescueAgreements.id });
  return row?.id;
}
export async function insertTraining(db: Db, v: typeof safetyTrainings.$inferInsert) {
  const [row] = await db.insert(safetyTrainings).values(v).returning({ id: safetyTrainings.id });
  return row?.id;
}
export async function insertPractice(db: Db, v: typeof selfRescuePractices.$inferInsert) {
  const [row] = await db
    .insert(selfRescuePractices)
    .values(v)
    .returning({ id: selfRescuePractices.id });
  return row?.id;
}

/** Records a post's 两单两卡 (the post's row is replaced); answers its id and the row before. */
export async function upsertPostCard(db: Db, v: typeof postCards.$inferInsert) {
  const [before] = await db
    .select()
    .from(postCards)
    .where(and(eq(postCards.mineId, v.mineId), eq(postCards.post, v.post)))
    .for('update');
  const [row] = await db
    .insert(postCards)
    .values(v)
    .onConflictDoUpdate({
      target: [postCards.mineId, postCards.post],
      set: {
        riskListOn: v.riskListOn,
        dutyListOn: v.dutyListOn,
        operationCardOn: v.operationCardOn,
        emergencyCardOn: v.emergencyCardOn,
        filedBy: v.filedBy,
        filedLabel: v.filedLabel,
        updatedAt: v.updatedAt,
      },
    })
    .returning({ id: postCards.id });
  return { id: row?.id, before };
}

export async function insertExams(db: Db, rows: (typeof inspectionExams.$inferInsert)[]) {
  await db.insert(inspectionExams).values(rows);
}

/** The 逢查必考 results of an inspection, in the order recorded. */
export function examsOf(db: Db, inspectionId: string) {
  return db
    .select()
    .from(inspectionExams)
    .where(eq(inspectionExams.inspectionId, inspectionId))
    .orderBy(asc(inspectionExams.createdAt), asc(inspectionExams.name));
}

/** The people of `ids` that are active at the mine. */
export async function peopleOfMine(db: Db, mineId: string, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.mineId, mineId), isNull(people.archivedAt), inArray(people.id, ids)));
}

const last = (table: SQL, column: SQL, date: string, extra: SQL = sql`TRUE`) =>
  sql`(SELECT max(x.${column})::text FROM ${table} x WHERE x.mine_id = mines.id AND x.${column} <= ${date}::date AND ${extra})`;

/** A mine's state on a date as the rule reads it, for every live mine in the scope. */
export interface MineStateRow {
  id: string;
  name: string;
  enterprise_id: string;
  county_code: string;
  county_name: string;
  kind: MineKind;
  last_plan_on: string | null;
  last_drill_on: string | null;
  last_reverse_air_on: string | null;
  rescue_valid_until: string | null;
  last_self_rescue_on: string | null;
  people: number;
  short_of_hours: number;
  posts: number;
  posts_complete: number;
}

/** Every live mine (not archived, not closed) of the scope with its registers' state on `date`. */
export function mineStates(
  db: Db,
  f: { mineScope: SQL | undefined; region?: string | undefined; mineIds?: string[] },
  date: string,
  minHours: number,
) {
  const year = Number(date.slice(0, 4)) - 1;
  const where =
    and(
      f.mineScope,
      mineInRegion(f.region),
      f.mineIds
        ? sql`mines.id IN (${sql.join(
            f.mineIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : undefined,
    ) ?? sql`TRUE`;
  const drill = (kind: DrillKind) =>
    last(sql.raw('emergency_drills'), sql.raw('drilled_on'), date, sql`x.kind = ${kind}`);
  // People on the books before the year began, and the hours of that year's sessions they attended.
  const hours = sql`COALESCE((SELECT sum(t.hours) FROM safety_trainings t WHERE t.mine_id = mines.id
      AND p.id = ANY (t.person_ids) AND t.trained_on BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date), 0)`;
  const active = sql`p.mine_id = mines.id AND p.archived_at IS NULL`;
  const complete = sql`c.risk_list_on <= ${date}::date AND c.duty_list_on <= ${date}::date
      AND c.operation_card_on <= ${date}::date AND c.emergency_card_on <= ${date}::date`;
  if (f.mineIds?.length === 0) {
    return Promise.resolve([] as MineStateRow[]);
  }
  return queryRows<MineStateRow>(
    db,
    sql`SELECT mines.id, mines.name, mines.enterprise_id, mines.county_code, r.name AS county_name, mines.kind,
        ${last(sql.raw('emergency_plans'), sql.raw('revised_on'), date)} AS last_plan_on,
        ${drill('紧急撤离和逃生避险')} AS last_drill_on,
        ${drill('反风演习')} AS last_reverse_air_on,
        (SELECT max(a.valid_until)::text FROM rescue_agreements a WHERE a.mine_id = mines.id AND a.signed_on <= ${date}::date) AS rescue_valid_until,
        ${last(sql.raw('self_rescue_practices'), sql.raw('practised_on'), date)} AS last_self_rescue_on,
        (SELECT count(*) FROM people p WHERE ${active})::int AS people,
        (SELECT count(*) FROM people p WHERE ${active} AND p.created_at < ${`${year + 1}-01-01`}::date
           AND ${hours} < ${minHours})::int AS short_of_hours,
        (SELECT count(*) FROM post_cards c WHERE c.mine_id = mines.id)::int AS posts,
        (SELECT count(*) FROM post_cards c WHERE c.mine_id = mines.id AND ${complete})::int AS posts_complete
      FROM mines JOIN regions r ON r.code = mines.county_code
      WHERE mines.archived_at IS NULL AND mines.status <> '关闭' AND ${where}
      ORDER BY mines.county_code, mines.name`,
  );
}
