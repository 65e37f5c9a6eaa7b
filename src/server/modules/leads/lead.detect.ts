/**
 * @module The evaluation job: every mine with series is framed over the look-back (and the calendar
 * year so far, for the annual 超能力 check), every rule runs, and each finding either opens a lead
 * (新线索, regulators of the mine's county told) or extends the open lead of the same mine and rule
 * (issue 6 §3: repeated evidence extends, never duplicates). Findings already covered by a closed lead
 * are not raised again. Runs at most once per `everyMinutes`, its watermark in `leads_job_state`.
 */
import type { LeadRules } from './rules/lead-rules.model.ts';
import { LeadStatus } from '../../../shared/leads.enums.ts';
import { recordAudit } from './leads.audit.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  pickRecipients,
  type NotifiableUser,
} from '../notifications/notification.service.ts';
import { loadFrame } from './frame.loader.ts';
import * as repo from './lead.repository.ts';
import { readJobState, writeJobState } from './job-state.repository.ts';
import { evaluateMine } from './rules/evaluate.ts';
import { SHANGHAI_OFFSET_MS, shanghaiDayStart, DAY_MS, MINUTE_MS } from '../../../shared/dates.ts';
import { type Breach, type Finding } from './rules/frame.ts';
import { minesWithSeries } from './series.repository.ts';
import { leadsSettings } from './leads.settings.ts';

export const LEADS_ACTOR = { actorId: null, actorLabel: 'system:leads', ip: null };
const KEY = 'leads.evaluate';
const EVIDENCE_MAX = 100;

export interface StoredBreach {
  factor: string;
  area?: string;
  from: string;
  to: string;
  peak: number;
  threshold: number;
  baseline: number | null;
  expected?: { t: string; v: number }[];
}

export const storeBreach = (b: Breach): StoredBreach => ({
  factor: b.factor,
  ...(b.area === undefined ? {} : { area: b.area }),
  from: new Date(b.from).toISOString(),
  to: new Date(b.to).toISOString(),
  peak: Math.round(b.peak * 1000) / 1000,
  threshold: Math.round(b.threshold * 1000) / 1000,
  baseline: b.baseline === null ? null : Math.round(b.baseline * 1000) / 1000,
  ...(b.expected
    ? {
        expected: b.expected.map((e) => ({
          t: new Date(e.t).toISOString(),
          v: Math.round(e.v * 10) / 10,
        })),
      }
    : {}),
});

/** The range the job frames: the look-back, extended back to 1 January for the annual check. */
export function evaluationRange(now: Date, rules: LeadRules) {
  const end = shanghaiDayStart(now.getTime()) + DAY_MS;
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const yearStart = Date.UTC(local.getUTCFullYear(), 0, 1) - SHANGHAI_OFFSET_MS;
  const start = Math.min(end - rules.lookbackDays * DAY_MS, yearStart);
  return { start, days: Math.round((end - start) / DAY_MS) };
}

type Outcome = 'opened' | 'extended' | 'unchanged';

/** Opens or extends the lead for one finding, in the caller's transaction. */
export async function applyFinding(
  tx: Db,
  f: Finding,
  at: Date,
  notifiable: NotifiableUser[],
): Promise<Outcome> {
  const open = await repo.lockOpenLead(tx, f.mineId, f.rule);
  const breaches = f.breaches.map(storeBreach);
  if (open) {
    const grows =
      f.to > open.windowEnd.getTime() ||
      f.from < open.windowStart.getTime() ||
      f.score > open.score;
    if (!grows) {
      return 'unchanged';
    }
    const known = (open.evidence as { breaches: StoredBreach[] }).breaches;
    const keys = new Set(known.map((b) => `${b.factor}|${b.area ?? ''}|${b.from}`));
    const merged = [
      ...known,
      ...breaches.filter((b) => !keys.has(`${b.factor}|${b.area ?? ''}|${b.from}`)),
    ]
      .sort((a, b) => a.from.localeCompare(b.from))
      .slice(-EVIDENCE_MAX);
    const windowStart = new Date(Math.min(f.from, open.windowStart.getTime()));
    const windowEnd = new Date(Math.max(f.to, open.windowEnd.getTime()));
    const score = Math.max(f.score, open.score);
    await repo.updateLeadRow(tx, open.id, {
      windowStart,
      windowEnd,
      score,
      summary: f.to >= open.windowEnd.getTime() ? f.summary : open.summary,
      evidence: { breaches: merged },
      criterionCode: open.criterionCode ?? f.criterionCode ?? null,
      majorHazard: open.majorHazard || Boolean(f.majorHazard),
      updatedAt: at,
      version: open.version + 1,
    });
    const detail = { windowStart, windowEnd, score, added: merged.length - known.length };
    await repo.insertLeadEvent(tx, {
      leadId: open.id,
      at,
      type: 'extended',
      actor: LEADS_ACTOR.actorLabel,
      note: f.summary,
      detail,
    });
    await recordAudit(tx, LEADS_ACTOR, at, {
      type: 'leads.lead.extended',
      entityId: open.id,
      after: detail,
    });
    return 'extended';
  }
  const closedEnd = await repo.lastClosedWindowEnd(tx, f.mineId, f.rule);
  if (closedEnd && f.to <= closedEnd.getTime()) {
    return 'unchanged';
  }
  const leadId = await repo.insertLead(tx, {
    mineId: f.mineId,
    rule: f.rule,
    status: LeadStatus.New,
    score: f.score,
    windowStart: new Date(f.from),
    windowEnd: new Date(f.to),
    summary: f.summary,
    evidence: { breaches: breaches.slice(-EVIDENCE_MAX) },
    criterionCode: f.criterionCode ?? null,
    majorHazard: Boolean(f.majorHazard),
    detectedAt: at,
    updatedAt: at,
  });
  if (!leadId) {
    throw new Error('lead insert returned nothing');
  }
  await repo.insertLeadEvent(tx, {
    leadId,
    at,
    type: 'detected',
    actor: LEADS_ACTOR.actorLabel,
    note: f.summary,
    detail: { score: f.score, breaches: breaches.length },
  });
  await recordAudit(tx, LEADS_ACTOR, at, {
    type: 'leads.lead.detected',
    entityId: leadId,
    after: { rule: f.rule, mineId: f.mineId, score: f.score, summary: f.summary },
  });
  const mine = await repo.findMineToNotify(tx, f.mineId);
  if (mine) {
    await notifyUsers(
      tx,
      pickRecipients(notifiable, mine, ['regulator']),
      {
        subjectType: 'lead',
        subjectId: leadId,
        title: `新线索 (${f.rule}): ${mine.name}`,
        body: f.summary,
      },
      at,
    );
  }
  return 'opened';
}

export interface EvaluationReport {
  mines: number;
  findings: number;
  opened: number;
  extended: number;
}

/** Evaluates every mine with series (or the given ones) now. */
export async function evaluateLeads(
  deps: ServiceDeps,
  options: { mineIds?: string[] } = {},
): Promise<EvaluationReport> {
  const rules = await getSetting(deps.db, leadsSettings.rules);
  const now = deps.clock();
  const { start, days } = evaluationRange(now, rules);
  const mineIds = options.mineIds ?? (await minesWithSeries(deps.db, new Date(start)));
  const report: EvaluationReport = { mines: 0, findings: 0, opened: 0, extended: 0 };
  let notifiable: NotifiableUser[] | undefined;
  for (const mineId of mineIds) {
    const frame = await loadFrame(deps.db, mineId, start, days);
    if (!frame) {
      continue;
    }
    report.mines++;
    const findings = evaluateMine(frame, rules).sort((a, b) => a.from - b.from);
    report.findings += findings.length;
    if (findings.length === 0) {
      continue;
    }
    // Read before the transaction (once): one connection (PGlite) cannot read outside an open one.
    const recipients = (notifiable ??= await notifiableUsers(deps.db));
    await deps.db.transaction(async (tx) => {
      for (const f of findings) {
        const outcome = await applyFinding(tx, f, now, recipients);
        if (outcome === 'opened') {
          report.opened++;
        } else if (outcome === 'extended') {
          report.extended++;
        }
      }
    });
  }
  if (!options.mineIds) {
    await writeJobState(deps.db, KEY, now);
  }
  return report;
}

/** The scheduled step: evaluates when the last run is older than `everyMinutes`. */
export async function evaluateLeadsIfDue(
  deps: ServiceDeps,
  everyMinutes: number,
): Promise<EvaluationReport | null> {
  const now = deps.clock();
  const last = await readJobState(deps.db, KEY);
  if (last && now.getTime() - last.getTime() < everyMinutes * MINUTE_MS) {
    return null;
  }
  return evaluateLeads(deps);
}
