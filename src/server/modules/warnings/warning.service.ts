/**
 * @module Regulators' warnings (issue 24 "Warnings issued by the regulator"). A regulator issues a warning —
 * 暴雨、洪水、地震、极端天气、汛期 — or an order 严禁入井 / 停产撤人 to every open mine of a region within its
 * jurisdiction, or to the mines of some kinds (《2024年矿山安全生产工作要点》第31条: "及时发布汛期等预警信息";
 * 第30条: "督促矿山企业落实紧急情况停产撤人制度"; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)6:
 * "强化灾害性天气预报预警，遇极端天气严禁人员入井"). Each mine is called through the 叫应 loop (warning.calls.ts),
 * acknowledges (叫应) and reports its response (回应: people withdrawn, when, measures); a mine that does not
 * acknowledge in the step's time escalates to the next step (the county regulator by default). The
 * issuing unit sees per mine who answered and when, and after an order whether the mine's positioning
 * data still shows people underground. A mine's users see and answer only their own mines' calls.
 */
import {
  withdrawalOrders,
  type WarningCallResponse,
  type WarningIssueInput,
  type WarningRespondInput,
} from '../../../shared/warnings.schemas.ts';
import { regionInScope, subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { headcountsNow } from '../coal-upload/coal-positioning.service.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { verifyAckToken, type CallOptions } from '../monitoring/call-out.ts';
import {
  allOf,
  mineInRegion,
  mineScopeCondition,
  visibleByMine,
} from '../registry/registry.scope.ts';
import { runCallStep } from './warning.calls.ts';
import { presentCall, presentCallWithWarning, presentWarning } from './warning.presenter.ts';
import * as repo from './warning.repository.ts';
import { regulatorWarningCalls } from './warning.table.ts';
import { WarningPermission } from './warnings.permissions.ts';
import { recordAudit } from './warnings.audit.ts';
import { warningsSettings } from './warnings.settings.ts';

/** How many calls a mine user's list shows. */
const CALLS_SHOWN = 100;

/** The stage name of a call's step (the policy as it is now; a step beyond it shows the last). */
async function stageNames(deps: ServiceDeps) {
  const { steps } = await getSetting(deps.db, warningsSettings.callPolicy);
  return (i: number) => steps[Math.min(i, steps.length - 1)]?.stage ?? '';
}

/** After 严禁入井 / 停产撤人: each mine's newest 井下人数 from its positioning data (none for other kinds). */
async function undergroundOf(
  deps: ServiceDeps,
  w: repo.WarningRow,
  mineIds: string[],
): Promise<(mineId: string) => WarningCallResponse['underground']> {
  if (!withdrawalOrders.includes(w.kind)) {
    return () => null;
  }
  const heads = await headcountsNow(deps, mineIds);
  return (mineId) => {
    const h = heads.get(mineId);
    return h
      ? {
          count: h.count,
          asOf: h.asOf.toISOString(),
          stale: h.stale,
          afterIssue: h.asOf.getTime() >= w.issuedAt.getTime(),
        }
      : null;
  };
}

export async function issueWarning(
  deps: ServiceDeps,
  opts: CallOptions,
  principal: Principal,
  input: WarningIssueInput,
) {
  requirePermission(principal, WarningPermission.Issue);
  // A regulator warns only the mines of its own region (its jurisdiction, platform/auth/scope.ts).
  if (!regionInScope(principal.scope, input.regionCode)) {
    throw invalidField('regionCode', '该区域不在本单位管辖范围内', input.regionCode);
  }
  const { steps } = await getSetting(deps.db, warningsSettings.callPolicy);
  const id = await deps.db.transaction(async (tx) => {
    const targets = await repo.minesToWarn(tx, subtreePrefix(input.regionCode), input.mineKinds);
    if (targets.length === 0) {
      throw invalidField(
        input.mineKinds ? 'mineKinds' : 'regionCode',
        '该区域没有符合条件的在册矿山',
        input.mineKinds ?? input.regionCode,
      );
    }
    const at = deps.clock();
    const w = await repo.insertWarning(tx, {
      kind: input.kind,
      title: input.title,
      content: input.content,
      regionCode: input.regionCode,
      mineKinds: input.mineKinds ?? null,
      issuedBy: principal.userId,
      issuingOrganisationId: principal.organisationId,
      issuedAt: at,
    });
    const rows = await repo.insertCalls(
      tx,
      targets.map((m) => ({
        warningId: w.id,
        mineId: m.id,
        state: '待确认' as const,
        nextCallAt: at,
      })),
    );
    await recordAudit(tx, actorOf(principal), at, {
      type: 'warnings.issued',
      entityId: w.id,
      after: {
        kind: w.kind,
        title: w.title,
        regionCode: w.regionCode,
        mineKinds: w.mineKinds,
        mines: targets.map((m) => m.name),
      },
    });
    // The first step is called now, in the issuing transaction: issued means called.
    const called = { ...w, issuingUnit: principal.organisationName };
    for (const row of rows) {
      await runCallStep(tx, deps.secret, opts, called, row, steps, at);
    }
    return w.id;
  });
  return getWarning(deps, principal, id);
}

/** A warning with its calls to the mines the caller may see; 404 when it reached none of them. */
export async function getWarning(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, WarningPermission.Read);
  const head = await repo.findWarning(deps.db, id);
  const rows = head ? await repo.callsOf(deps.db, id, mineScopeCondition(principal.scope)) : [];
  if (!head || rows.length === 0) {
    throw notFound('warning', id);
  }
  const stage = await stageNames(deps);
  const under = await undergroundOf(
    deps,
    head.w,
    rows.map((r) => r.c.mineId),
  );
  const calls = rows.map((r) => presentCall(r.c, r, stage(r.c.callStep), under(r.c.mineId)));
  return {
    ...presentWarning(head.w, head, {
      mines: calls.length,
      acknowledged: calls.filter((c) => c.acknowledgedAt).length,
      responded: calls.filter((c) => c.respondedAt).length,
      escalated: calls.filter((c) => c.escalatedAt).length,
    }),
    calls,
  };
}

/** Warnings with a call to a mine the caller may see, newest first (open: some mine still to respond). */
export async function listWarnings(
  deps: ServiceDeps,
  principal: Principal,
  q: { open?: 'true' | 'false' | undefined; region?: string | undefined },
) {
  requirePermission(principal, WarningPermission.Read);
  const rows = await repo.listWarnings(
    deps.db,
    allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)),
    q.open === 'true',
  );
  return rows.map((r) => presentWarning(r.w, r, r));
}

/** The calls to the caller's mines with their warnings (open: not yet responded). */
export async function listCalls(
  deps: ServiceDeps,
  principal: Principal,
  q: { open?: 'true' | 'false' | undefined; region?: string | undefined },
) {
  requirePermission(principal, WarningPermission.Read);
  const rows = await repo.callsWithWarnings(
    deps.db,
    allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)),
    q.open === 'true',
    CALLS_SHOWN,
  );
  const stage = await stageNames(deps);
  const out = [];
  for (const r of rows) {
    const under = await undergroundOf(deps, r.w, [r.c.mineId]);
    out.push(
      presentCallWithWarning(
        presentCall(r.c, r, stage(r.c.callStep), under(r.c.mineId)),
        r.w,
        r.issuingUnit,
      ),
    );
  }
  return out;
}

/** One call as the caller may see it (after a change). */
async function presentOne(deps: ServiceDeps, id: string) {
  const r = await repo.findCall(deps.db, id);
  if (!r) {
    throw notFound('warning_call', id);
  }
  const head = await repo.findWarning(deps.db, r.c.warningId);
  const under = head ? await undergroundOf(deps, head.w, [r.c.mineId]) : () => null;
  return presentCall(r.c, r, (await stageNames(deps))(r.c.callStep), under(r.c.mineId));
}

/** 叫应: the mine acknowledges the warning; its call stops climbing. */
export async function acknowledgeCall(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, WarningPermission.Answer);
  await deps.db.transaction(async (tx) => {
    const { row } = await visibleByMine(tx, principal, regulatorWarningCalls, id, {
      entity: 'warning_call',
      lock: true,
    });
    if (row.state !== '待确认') {
      throw new AppError(AppErrorCode.Conflict, `已由 ${row.acknowledgedBy ?? '他人'} 确认`);
    }
    const at = deps.clock();
    await repo.updateCall(tx, id, {
      state: '已确认',
      acknowledgedAt: at,
      acknowledgedBy: principal.displayName,
      acknowledgedById: principal.userId,
      nextCallAt: null,
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'warnings.call.acknowledged',
      entityId: id,
    });
  });
  return presentOne(deps, id);
}

/** 叫应 through the one-time link of a message: no sign-in, the signed link is the proof. */
export async function acknowledgeByToken(deps: ServiceDeps, token: string) {
  const callId = verifyAckToken(deps.secret, token, 'warn');
  if (!callId) {
    throw new AppError(AppErrorCode.NotFound, '确认链接无效');
  }
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const used = await repo.useAckToken(tx, sha256Hex(token), at);
    if (!used) {
      throw new AppError(AppErrorCode.Conflict, '确认链接已使用或已过期');
    }
    const row = await repo.lockCall(tx, used.callId);
    if (!row) {
      throw notFound('warning_call', used.callId);
    }
    if (row.state !== '待确认') {
      return { acknowledged: false, message: `预警已由 ${row.acknowledgedBy ?? '他人'} 确认` };
    }
    await repo.updateCall(tx, row.id, {
      state: '已确认',
      acknowledgedAt: at,
      acknowledgedBy: used.recipientName,
      nextCallAt: null,
    });
    await recordAudit(
      tx,
      { actorId: null, actorLabel: `link:${used.recipientName}`, ip: null },
      at,
      {
        type: 'warnings.call.acknowledged',
        entityId: row.id,
        after: { via: 'link', recipient: used.recipient },
      },
    );
    return { acknowledged: true, message: `已确认: ${used.recipientName}` };
  });
}

/** 回应: the mine reports people withdrawn, when, and the measures taken. */
export async function respondCall(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: WarningRespondInput,
) {
  requirePermission(principal, WarningPermission.Answer);
  const at = deps.clock();
  const withdrawnAt = input.withdrawnAt ? new Date(input.withdrawnAt) : null;
  if (withdrawnAt && withdrawnAt.getTime() > at.getTime()) {
    throw invalidField('withdrawnAt', '撤人完成时间不能晚于现在', input.withdrawnAt);
  }
  if (input.peopleWithdrawn > 0 && !withdrawnAt) {
    throw invalidField('withdrawnAt', '填写了撤出人数, 须填写撤人完成时间', input.withdrawnAt);
  }
  await deps.db.transaction(async (tx) => {
    const { row } = await visibleByMine(tx, principal, regulatorWarningCalls, id, {
      entity: 'warning_call',
      lock: true,
    });
    if (row.state === '待确认') {
      throw new AppError(AppErrorCode.Conflict, '请先确认 (叫应) 再回应');
    }
    if (row.state === '已回应') {
      throw new AppError(AppErrorCode.Conflict, '已回应');
    }
    const warning = await repo.findWarning(tx, row.warningId);
    if (withdrawnAt && warning && withdrawnAt.getTime() < warning.w.issuedAt.getTime()) {
      throw invalidField('withdrawnAt', '撤人完成时间不能早于预警发布时间', input.withdrawnAt);
    }
    await repo.updateCall(tx, id, {
      state: '已回应',
      respondedAt: at,
      respondedBy: principal.displayName,
      respondedById: principal.userId,
      peopleWithdrawn: input.peopleWithdrawn,
      withdrawnAt,
      measures: input.measures,
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'warnings.call.responded',
      entityId: id,
      after: input,
    });
  });
  return presentOne(deps, id);
}

/** The audit history's visibility checks: the same boundary as the reads (404 outside it). */
export function warningsVisibility(deps: ServiceDeps) {
  return {
    regulator_warning: (p: Principal, id: string) => getWarning(deps, p, id),
    warning_call: (p: Principal, id: string) => {
      requirePermission(p, WarningPermission.Read);
      return visibleByMine(deps.db, p, regulatorWarningCalls, id, { entity: 'warning_call' });
    },
  };
}
