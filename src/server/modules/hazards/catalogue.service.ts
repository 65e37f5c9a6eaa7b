/**
 * @module The criteria catalogue: standard versions and their items, loaded from the committed data
 * (generated from docs/sources/hazard-criteria.md by scripts/build-hazard-catalogue.ts) and
 * extended by system admins with new versions, without a code change.
 */
import { criterionPartKinds } from '../../../shared/hazard.enums.ts';
import type { HazardStandardInput } from '../../../shared/hazard.schemas.ts';
import { recordAudit } from './hazards.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  notFound,
  type ErrorDetail,
  checkDateWindows,
} from '../../platform/errors.ts';
import coal2020 from './catalogue/coal-2020.json' with { type: 'json' };
import nonCoal2022 from './catalogue/non-coal-2022.json' with { type: 'json' };
import * as repo from './catalogue.repository.ts';
import { presentCriterion, presentStandard } from './catalogue.presenter.ts';
import { HazardPermission } from './hazards.permissions.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { todayIn } from '../../../shared/dates.ts';

/** The standard versions shipped with minewatch. */
export const builtInStandards: HazardStandardInput[] = [nonCoal2022, coal2020];

/** Problems with a standard version's items: unknown part, duplicate code, missing parent. */
export function standardProblems(input: HazardStandardInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const codes = new Set<string>();
  input.items.forEach((item, i) => {
    if (!criterionPartKinds[item.part]) {
      problems.push({
        path: `items.${i}.part`,
        message: `未知的适用范围, 应为 ${Object.keys(criterionPartKinds).join('、')}`,
        value: item.part,
      });
    }
    if (codes.has(item.code)) {
      problems.push({ path: `items.${i}.code`, message: '条款编号重复', value: item.code });
    }
    codes.add(item.code);
  });
  input.items.forEach((item, i) => {
    if (item.parentCode && !codes.has(item.parentCode)) {
      problems.push({
        path: `items.${i}.parentCode`,
        message: '上级条款不存在',
        value: item.parentCode,
      });
    }
  });
  return problems;
}

/** Inserts a standard version with its items, each applying to the mine kinds of its part. */
async function insertStandard(tx: Db, input: HazardStandardInput, at: Date): Promise<string> {
  const id = await repo.insertStandard(tx, {
    code: input.code,
    title: input.title,
    version: input.version,
    effectiveOn: input.effectiveOn,
    source: input.source,
    createdAt: at,
  });
  await repo.insertCriteria(
    tx,
    input.items.map((item, i) => ({
      ...item,
      standardId: id,
      applicableKinds: [...(criterionPartKinds[item.part] ?? [])],
      sortOrder: i,
    })),
  );
  return id;
}

/** Loads the built-in standard versions that are missing; idempotent. */
export async function loadHazardCatalogue(db: Db, at: Date): Promise<number> {
  let loaded = 0;
  for (const std of builtInStandards) {
    if (await repo.standardExists(db, std.code, std.version)) {
      continue;
    }
    await db.transaction((tx) => insertStandard(tx, std, at));
    loaded++;
  }
  return loaded;
}

/** Adds a new version of a standard (system admin). */
export async function createStandard(
  deps: ServiceDeps,
  principal: Principal,
  input: HazardStandardInput,
) {
  requirePermission(principal, HazardPermission.CatalogueManage);
  checkDateWindows(todayIn(deps.clock), { effectiveOn: [input.effectiveOn, DateWindows.planned] });
  const problems = standardProblems(input);
  if (problems.length) {
    throw new AppError(AppErrorCode.ValidationFailed, '判定标准条款有误', problems);
  }
  return deps.db.transaction(async (tx) => {
    if (await repo.standardExists(tx, input.code, input.version)) {
      throw new AppError(AppErrorCode.Conflict, `${input.code} ${input.version} 已存在`, [
        { path: 'version', message: '该版本已存在', value: input.version },
      ]);
    }
    const at = deps.clock();
    const id = await insertStandard(tx, input, at);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.standard.created',
      entityId: id,
      after: { code: input.code, version: input.version, items: input.items.length },
    });
    return presentStandard({ ...input, id }, input.items.length);
  });
}

/** Every standard version with its number of items. */
export async function listStandards(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, HazardPermission.Read);
  const rows = await repo.listStandards(deps.db);
  const counts = await repo.criteriaCounts(deps.db);
  return rows.map((s) => presentStandard(s, counts.get(s.id) ?? 0));
}

/** The items of one standard version, optionally only those that apply to a mine kind or match text. */
export async function listCriteria(
  deps: ServiceDeps,
  principal: Principal,
  standardId: string,
  q: { kind?: string | undefined; q?: string | undefined },
) {
  requirePermission(principal, HazardPermission.Read);
  if (!(await repo.findStandard(deps.db, standardId))) {
    throw notFound('hazard_standard', standardId);
  }
  return (await repo.listCriteria(deps.db, standardId, q)).map(presentCriterion);
}
