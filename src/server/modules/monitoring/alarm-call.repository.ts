/**
 * @module SQL of the 叫应 loop: the alarms whose call timer is due, who a call reaches at a mine (users of
 * the mine, its enterprise and the regulators above it; the mine's registered people by role), and the
 * one-time acknowledgement links (only their digests are stored).
 */
import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organisations, users } from '../access/access.table.ts';
import { mines } from '../registry/mine.table.ts';
import { people } from '../registry/person.table.ts';
import { alarmAckTokens, alarms, monitoringSensors } from './monitoring.table.ts';

/** Ids of open alarms whose call timer is due, the earliest first. */
export async function dueCallAlarms(db: Db, at: Date, limit: number) {
  return db
    .select({ id: alarms.id })
    .from(alarms)
    .where(and(isNull(alarms.closedAt), lte(alarms.nextCallAt, at)))
    .orderBy(asc(alarms.nextCallAt))
    .limit(limit);
}

/** An open alarm whose call timer is due, locked FOR UPDATE; undefined when it is not (or no longer). */
export async function lockDueCallAlarm(tx: Db, id: string, at: Date) {
  const [row] = await tx
    .select()
    .from(alarms)
    .where(and(eq(alarms.id, id), isNull(alarms.closedAt), lte(alarms.nextCallAt, at)))
    .for('update');
  return row;
}

/** The mine an alarm is at and its sensor's code and name (null for a mine-wide alarm). */
export async function callContext(tx: Db, mineId: string, sensorId: string | null) {
  const [row] = await tx
    .select({
      id: mines.id,
      name: mines.name,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
      sensorCode: monitoringSensors.code,
      sensorName: monitoringSensors.name,
    })
    .from(mines)
    .leftJoin(monitoringSensors, eq(monitoringSensors.id, sensorId ?? sql`NULL::uuid`))
    .where(eq(mines.id, mineId));
  return row;
}

/**
 * Active users who may be called about a mine: its own users, its enterprise's, and those of units
 * whose region is one of `regionCodes`.
 */
export async function callableUsers(
  tx: Db,
  mine: { id: string; enterpriseId: string },
  regionCodes: string[],
) {
  return tx
    .select({
      id: users.id,
      name: users.displayName,
      role: users.role,
      mineId: users.mineId,
      email: users.email,
      phone: users.phone,
      kind: organisations.kind,
      enterpriseId: organisations.enterpriseId,
      regionCode: organisations.regionCode,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        isNull(users.disabledAt),
        sql`(${users.mineId} = ${mine.id} OR ${organisations.enterpriseId} = ${mine.enterpriseId} OR ${organisations.regionCode} IN (${sql.join(
          regionCodes.map((r) => sql`${r}`),
          sql`, `,
        )}))`,
      ),
    );
}

/** The mine's registered people (not archived) holding any of the roles. */
export async function minePeopleInRoles(tx: Db, mineId: string, roles: string[]) {
  return tx
    .select({ id: people.id, name: people.name, roles: people.roles, phone: people.phone })
    .from(people)
    .where(
      and(
        eq(people.mineId, mineId),
        isNull(people.archivedAt),
        sql`${people.roles} && ${`{${roles.join(',')}}`}::text[]`,
      ),
    );
}

/** Stores the digests of one-time acknowledgement links. */
export async function insertAckTokens(tx: Db, rows: (typeof alarmAckTokens.$inferInsert)[]) {
  await tx.insert(alarmAckTokens).values(rows);
}

/** Spends a one-time link by its digest: the token's row, or undefined if used, expired or unknown. */
export async function useAckToken(tx: Db, tokenHash: string, at: Date) {
  const [row] = await tx
    .update(alarmAckTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(alarmAckTokens.tokenHash, tokenHash),
        isNull(alarmAckTokens.usedAt),
        gt(alarmAckTokens.expiresAt, at),
      ),
    )
    .returning();
  return row;
}
