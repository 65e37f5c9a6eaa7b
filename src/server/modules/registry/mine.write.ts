/**
 * @module Validation of mine references and the batch insert shared by "create one" and imports.
 */
import type { MineCreateInput } from '../../../shared/registry.schemas.ts';
import { computeTailingsGrade, type TailingsGradeTable } from '../../../shared/tailings-grade.ts';
import { recordAudit } from './registry.audit.ts';
import { regionInScope, type Principal } from '../../platform/auth/scope.ts';
import { actorOf } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { dateWindowDetails, type DatedFields, type ErrorDetail } from '../../platform/errors.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { enterpriseArchiveStates } from './enterprise.repository.ts';
import * as repo from './mine.repository.ts';
import { findRegions } from './region.repository.ts';
import { MineKind } from '../../../shared/registry.enums.ts';
import { registrySettings } from './registry.settings.ts';

/**
 * Checks what zod cannot: the county exists, is a county and lies in the jurisdiction; the enterprise
 * exists and is not archived; names and licence numbers are unique (in the database and in the batch).
 * Returns the problems of input i under index i.
 */
export async function checkMineReferences(
  db: Db,
  principal: Principal,
  inputs: MineCreateInput[],
): Promise<Map<number, ErrorDetail[]>> {
  const problems = new Map<number, ErrorDetail[]>();
  const add = (i: number, d: ErrorDetail) => problems.set(i, [...(problems.get(i) ?? []), d]);
  const counties = new Map(
    (await findRegions(db, [...new Set(inputs.map((m) => m.countyCode))])).map((r) => [r.code, r]),
  );
  const ents = new Map(
    (await enterpriseArchiveStates(db, [...new Set(inputs.map((m) => m.enterpriseId))])).map(
      (e) => [e.id, e],
    ),
  );
  const numbers = inputs.flatMap((m) => (m.licences ?? []).map((l) => l.number));
  const takenNumbers = new Set(
    (await repo.licencesNumbered(db, numbers)).map((l) => `${l.kind}|${l.number}`),
  );
  const takenNames = new Set(
    (await repo.mineNamesOf(db, [...ents.keys()])).map((r) => `${r.enterpriseId}|${r.name}`),
  );
  const coalCodes = inputs.flatMap((m) => (m.coalCode ? [m.coalCode] : []));
  const takenCoalCodes = new Set(
    (await repo.minesByCoalCode(db, coalCodes)).map((r) => r.coalCode),
  );
  const seenNames = new Set<string>();
  const seenNumbers = new Set<string>();
  const seenCoalCodes = new Set<string>();
  for (const [i, m] of inputs.entries()) {
    const county = counties.get(m.countyCode);
    if (!county) {
      add(i, {
        path: 'countyCode',
        message: `未知的行政区划代码 ${m.countyCode} (GB/T 2260)`,
        value: m.countyCode,
      });
    } else if (county.level !== 3) {
      add(i, {
        path: 'countyCode',
        message: `${m.countyCode} ${county.name} 不是县级行政区划`,
        value: m.countyCode,
      });
    } else if (!regionInScope(principal.scope, m.countyCode)) {
      add(i, { path: 'countyCode', message: '不在您的管辖范围内', value: m.countyCode });
    }
    const ent = ents.get(m.enterpriseId);
    if (!ent) {
      add(i, { path: 'enterpriseId', message: '企业不存在', value: m.enterpriseId });
    } else if (ent.archivedAt) {
      add(i, { path: 'enterpriseId', message: '企业已归档', value: m.enterpriseId });
    }
    const nameKey = `${m.enterpriseId}|${m.name}`;
    if (seenNames.has(nameKey)) {
      add(i, { path: 'name', message: '同一企业下矿山名称重复', value: m.name });
    }
    seenNames.add(nameKey);
    if (takenNames.has(nameKey)) {
      add(i, { path: 'name', message: '该企业已登记同名矿山', value: m.name });
    }
    for (const [j, l] of (m.licences ?? []).entries()) {
      const key = `${l.kind}|${l.number}`;
      if (takenNumbers.has(key) || seenNumbers.has(key)) {
        add(i, { path: `licences.${j}.number`, message: `${l.kind} 编号已存在`, value: l.number });
      }
      seenNumbers.add(key);
    }
    if (m.coalCode) {
      if (takenCoalCodes.has(m.coalCode) || seenCoalCodes.has(m.coalCode)) {
        add(i, { path: 'coalCode', message: '该煤矿编码已登记', value: m.coalCode });
      }
      seenCoalCodes.add(m.coalCode);
    }
  }
  return problems;
}

/**
 * The mine's dates against their windows (shared/date-windows.ts): its status since, 标准化 达标 and last
 * discharge have happened, each licence is issued by today and ends within thirty years.
 */
export function mineDateProblems(m: MineDates, today: string): ErrorDetail[] {
  const fields: DatedFields = {
    statusSince: [m.statusSince, DateWindows.happened],
    standardizationDate: [m.standardizationDate, DateWindows.happened],
    tailingsLastDischarge: [m.tailingsLastDischarge, DateWindows.happened],
    mechanizedOn: [m.mechanizedOn, DateWindows.happened],
    videoMonitoredOn: [m.videoMonitoredOn, DateWindows.happened],
    informatizedOn: [m.informatizedOn, DateWindows.happened],
  };
  for (const [j, l] of (m.licences ?? []).entries()) {
    fields[`licences.${j}.issuedOn`] = [l.issuedOn, DateWindows.happened];
    fields[`licences.${j}.expiresOn`] = [l.expiresOn, DateWindows.expiry];
  }
  return dateWindowDetails(today, fields);
}

/** The dated fields of a mine, as created or edited. */
export interface MineDates {
  statusSince?: string | undefined;
  standardizationDate?: string | null | undefined;
  tailingsLastDischarge?: string | null | undefined;
  mechanizedOn?: string | null | undefined;
  videoMonitoredOn?: string | null | undefined;
  informatizedOn?: string | null | undefined;
  licences?: { issuedOn?: string | undefined; expiresOn?: string | undefined }[] | undefined;
}

/** The stored 等别 of a tailings pond (null for other kinds). */
export function tailingsGradeOf(
  m: {
    kind: string;
    tailingsVolume10kM3?: number | null | undefined;
    tailingsDamHeightM?: number | null | undefined;
  },
  table: TailingsGradeTable,
): number | null {
  if (
    m.kind !== MineKind.TailingsPond ||
    m.tailingsVolume10kM3 === null ||
    m.tailingsVolume10kM3 === undefined ||
    m.tailingsDamHeightM === null ||
    m.tailingsDamHeightM === undefined
  ) {
    return null;
  }
  return computeTailingsGrade(m.tailingsVolume10kM3, m.tailingsDamHeightM, table);
}

/**
 * Inserts already-checked mines with their initial status record and licences, and audits each one,
 * inside the caller's transaction. Returns the new ids in input order.
 */
export async function insertCheckedMines(
  tx: Db,
  principal: Principal,
  inputs: MineCreateInput[],
  at: Date,
  /** Fixed ids (the deterministic demo seed); generated by the database when absent. */
  fixedIds?: string[],
): Promise<string[]> {
  const table = await getSetting(tx, registrySettings.tailingsGradeTable);
  const ids: string[] = [];
  for (let i = 0; i < inputs.length; i += 500) {
    const chunk = inputs.slice(i, i + 500);
    ids.push(
      ...(await repo.insertMines(
        tx,
        chunk.map(({ licences: _l, ...m }, j) => ({
          ...m,
          ...(fixedIds?.[i + j] ? { id: fixedIds[i + j] } : {}),
          tailingsGrade: tailingsGradeOf(m, table),
          createdAt: at,
          updatedAt: at,
        })),
      )),
    );
  }
  await repo.insertStatusChanges(
    tx,
    inputs.map((m, i) => ({
      mineId: ids[i] ?? '',
      fromStatus: null,
      toStatus: m.status,
      effectiveDate: m.statusSince,
      reason: '登记',
      actorId: principal.userId,
      recordedAt: at,
    })),
  );
  await repo.insertLicences(
    tx,
    inputs.flatMap((m, i) =>
      (m.licences ?? []).map((l) => ({ ...l, mineId: ids[i] ?? '', createdAt: at })),
    ),
  );
  await recordAudit(
    tx,
    actorOf(principal),
    at,
    inputs.map((m, i) => ({
      type: 'registry.mine.created' as const,
      entityId: ids[i] ?? '',
      after: { id: ids[i], ...m },
    })),
  );
  return ids;
}

/** Re-computes the stored 等别 of every tailings pond (after the grading table changes). */
export async function recomputeTailingsGrades(tx: Db, table: TailingsGradeTable): Promise<number> {
  let changed = 0;
  for (const p of await repo.tailingsPonds(tx)) {
    const grade = tailingsGradeOf(p, table);
    if (grade !== p.tailingsGrade) {
      await repo.setTailingsGrade(tx, p.id, grade);
      changed++;
    }
  }
  return changed;
}
