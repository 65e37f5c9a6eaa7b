/**
 * @module The regulators' side of 举报 (issue 9 §1): the cases of the caller's jurisdiction, and the
 * handling unit taking a case through 受理 (or 不予受理 with the reason told to the reporter) → 核实 →
 * 办理 (what it became: a hazard, a lead or an inspection, linked) → 反馈 → 奖励, each step due within
 * the days of accountability.publicReports. The reporter's name and phone are unsealed only for the
 * administrators of the handling unit; everyone else sees that they are protected.
 */
import { and, asc, desc, eq, like, sql } from 'drizzle-orm';
import { CaseState, type CaseState as State } from '../../../shared/public-reports.ts';
import type { z } from 'zod';
import type {
  AcceptInput,
  AnswerInput,
  HandleInput,
  RewardInput,
  VerifyInput,
} from '../../../shared/public-reports.ts';
import { recordAudit } from './accountability.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import { unseal } from '../../platform/crypto.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { addDays } from '../../platform/escalation/escalation.service.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import { makeOutcome } from './public-report.outcome.ts';
import { publicReportEvents, publicReportPhotos, publicReports } from './public-report.table.ts';
import { accountabilitySettings } from './accountability.settings.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';

type Row = typeof publicReports.$inferSelect;

function inScope(principal: Principal) {
  const s = principal.scope;
  return s.kind === 'all'
    ? undefined
    : s.kind === 'region'
      ? like(publicReports.countyCode, `${s.prefix}%`)
      : sql`FALSE`;
}

async function load(db: Db, principal: Principal, id: string): Promise<Row> {
  requirePermission(principal, AccountabilityPermission.PublicReportRead);
  const [row] = await db
    .select()
    .from(publicReports)
    .where(and(eq(publicReports.id, id), inScope(principal)));
  if (!row) {
    throw notFound('public_report', id);
  }
  return row;
}

/** Only the handling unit's administrators see who reported. */
function identityFor(deps: ServiceDeps, principal: Principal, r: Row) {
  if (r.anonymous) {
    return { anonymous: true, identityProtected: false, name: null, phone: null };
  }
  if (principal.role === 'regulator_admin' && principal.organisationId === r.unitId) {
    return {
      anonymous: false,
      identityProtected: false,
      name: r.nameSealed ? unseal(deps.secret, r.nameSealed) : null,
      phone: r.phoneSealed ? unseal(deps.secret, r.phoneSealed) : null,
    };
  }
  return { anonymous: false, identityProtected: true, name: null, phone: null };
}

function summary(r: Row, today: string) {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    category: r.category,
    countyCode: r.countyCode,
    unitId: r.unitId,
    location: r.location,
    mineName: r.mineName,
    mineId: r.mineId,
    state: r.state,
    dueOn: r.dueOn,
    overdue: Boolean(r.dueOn && r.dueOn < today),
    receivedAt: r.receivedAt.toISOString(),
    version: r.version,
  };
}

export async function listCases(
  deps: ServiceDeps,
  principal: Principal,
  q: { state?: State | undefined },
) {
  requirePermission(principal, AccountabilityPermission.PublicReportRead);
  const rows = await deps.db
    .select()
    .from(publicReports)
    .where(and(inScope(principal), q.state ? eq(publicReports.state, q.state) : undefined))
    .orderBy(desc(publicReports.receivedAt))
    .limit(1000);
  const today = todayIn(deps.clock);
  return rows.map((r) => summary(r, today));
}

export async function getCase(deps: ServiceDeps, principal: Principal, id: string) {
  const r = await load(deps.db, principal, id);
  const events = await deps.db
    .select()
    .from(publicReportEvents)
    .where(eq(publicReportEvents.reportId, id))
    .orderBy(asc(publicReportEvents.at));
  const photos = await deps.db
    .select({ id: publicReportPhotos.id, contentType: publicReportPhotos.contentType })
    .from(publicReportPhotos)
    .where(eq(publicReportPhotos.reportId, id));
  return {
    ...summary(r, todayIn(deps.clock)),
    content: r.content,
    verification: r.verification,
    outcome: r.outcome,
    linkId: r.linkId,
    feedback: r.feedback,
    rewardYuan: r.rewardYuan,
    rewardPaidOn: r.rewardPaidOn,
    handlingUnit: principal.organisationId === r.unitId,
    reporter: identityFor(deps, principal, r),
    photos,
    events: events.map((e) => ({
      step: e.step,
      publicNote: e.publicNote,
      internalNote: e.internalNote,
      actor: e.actorLabel,
      at: e.at.toISOString(),
    })),
  };
}

export async function getCasePhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  photoId: string,
) {
  await load(deps.db, principal, id);
  const [p] = await deps.db
    .select()
    .from(publicReportPhotos)
    .where(and(eq(publicReportPhotos.id, photoId), eq(publicReportPhotos.reportId, id)));
  if (!p) {
    throw notFound('photo', photoId);
  }
  return {
    contentType: p.contentType,
    fileName: `举报照片-${photoId.slice(0, 8)}`,
    sha256: p.sha256,
    content: p.content,
  };
}

interface Change {
  set: Partial<typeof publicReports.$inferInsert>;
  event: { step: string; publicNote: string; internalNote: string };
}

type Step = 'accept' | 'verify' | 'handle' | 'answer' | 'reward';
const from: Record<Step, State[]> = {
  accept: [CaseState.Received],
  verify: [CaseState.Accepted],
  handle: [CaseState.Verified],
  answer: [CaseState.Handled],
  reward: [CaseState.Answered],
};

/** Checks the link a handled case points to: a hazard, lead or inspection the caller may see. */
async function checkLink(
  db: Db,
  principal: Principal,
  outcome: string,
  linkId: string | undefined,
) {
  const table =
    outcome === '转为重大事故隐患'
      ? 'hazards'
      : outcome === '转为线索'
        ? 'leads'
        : outcome === '转为执法检查'
          ? 'inspections'
          : null;
  if (!table) {
    if (linkId) {
      throw invalidField('linkId', '“无需处理”不关联记录', linkId);
    }
    return;
  }
  if (!linkId) {
    throw invalidField('linkId', `请关联${outcome.slice(2)}记录, 或新建 (create)`);
  }
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT x.id FROM ${sql.raw(table)} x JOIN mines ON mines.id = x.mine_id
         WHERE x.id = ${linkId} AND ${mineScopeCondition(principal.scope) ?? sql`TRUE`}`,
  );
  if (rows.length === 0) {
    throw invalidField('linkId', `${outcome.slice(2)}记录不存在或不在管辖范围内`, linkId);
  }
}

async function step(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  which: Step,
  change: (
    r: Row,
    days: { verify: number; handle: number; answer: number },
    today: string,
    tx: Db,
  ) => Change | Promise<Change>,
) {
  requirePermission(principal, AccountabilityPermission.PublicReportHandle);
  const rules = await getSetting(deps.db, accountabilitySettings.publicReports);
  return deps.db.transaction(async (tx) => {
    const r = await load(tx, principal, id);
    if (r.unitId !== principal.organisationId) {
      throw new AppError(AppErrorCode.Forbidden, '只有受理单位可以办理该举报');
    }
    if (which === 'reward' && principal.role !== 'regulator_admin') {
      throw new AppError(AppErrorCode.Forbidden, '奖励由受理单位管理员决定');
    }
    if (!from[which].includes(r.state as State)) {
      throw new AppError(AppErrorCode.Conflict, `举报当前为 ${r.state}, 不能进行该步骤`);
    }
    const today = todayIn(deps.clock);
    const { set, event } = await change(r, rules.days, today, tx);
    const now = deps.clock();
    await tx
      .update(publicReports)
      .set({ ...set, updatedAt: now, version: sql`${publicReports.version} + 1` })
      .where(eq(publicReports.id, id));
    await tx
      .insert(publicReportEvents)
      .values({ reportId: id, ...event, actorLabel: principal.displayName, at: now });
    await recordAudit(tx, actorOf(principal), now, {
      type: 'accountability.public_report.stepped',
      entityId: id,
      before: { state: r.state },
      after: { step: event.step, ...set },
    });
    return getCase({ ...deps, db: tx }, principal, id);
  });
}

export const acceptCase = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: z.infer<typeof AcceptInput>,
) =>
  step(deps, p, id, 'accept', (_r, days, today) =>
    input.accept
      ? {
          set: { state: CaseState.Accepted, dueOn: addDays(today, days.verify) },
          event: { step: '受理', publicNote: '举报已受理, 正在核实', internalNote: input.note },
        }
      : {
          set: { state: CaseState.Rejected, dueOn: null },
          event: { step: '不予受理', publicNote: input.note, internalNote: input.note },
        },
  );

export const verifyCase = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: z.infer<typeof VerifyInput>,
) =>
  step(deps, p, id, 'verify', (_r, days, today) => ({
    set: {
      state: CaseState.Verified,
      verification: input.result,
      dueOn: addDays(today, days.handle),
    },
    event: { step: '核实', publicNote: `核实结果: ${input.result}`, internalNote: input.note },
  }));

export const handleCase = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: z.infer<typeof HandleInput>,
) =>
  step(deps, p, id, 'handle', async (r, days, today, tx) => {
    const linkId = input.create
      ? await makeOutcome(deps, tx, p, r, input.outcome, input.create, today)
      : input.linkId;
    await checkLink(tx, p, input.outcome, linkId);
    return {
      set: {
        state: CaseState.Handled,
        outcome: input.outcome,
        linkId: linkId ?? null,
        dueOn: addDays(today, days.answer),
      },
      event: {
        step: '办理',
        publicNote: '已依法处理',
        internalNote: `${input.outcome}: ${input.note}`,
      },
    };
  });

export const answerCase = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: z.infer<typeof AnswerInput>,
) =>
  step(deps, p, id, 'answer', () => ({
    set: { state: CaseState.Answered, feedback: input.feedback, dueOn: null },
    event: { step: '反馈', publicNote: input.feedback, internalNote: '' },
  }));

export const rewardCase = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: z.infer<typeof RewardInput>,
) =>
  step(deps, p, id, 'reward', (r) => {
    if (r.verification === '不属实') {
      throw invalidField('amountYuan', '核实不属实的举报不予奖励', input.amountYuan);
    }
    return {
      set: { rewardYuan: input.amountYuan, rewardPaidOn: input.paidOn ?? null },
      event: {
        step: '奖励',
        publicNote: `奖励 ${input.amountYuan} 元${input.paidOn ? `, 已于 ${input.paidOn} 兑现` : ''}`,
        internalNote: input.note ?? '',
      },
    };
  });
