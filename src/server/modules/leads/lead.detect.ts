/**
 * @module The evaluation job: every mine with series is framed over the look-back (and the calendar
 * year so far, for the annual 超能力 check), every rule runs, and each finding either opens a lead
 * (新线索, regulators of the mine's county told) or extends the open lead of the same mine and rule
 * (issue 6 §3: repeated evidence extends, never duplicates). Findings already covered by a closed lead
 * are not raised again. Runs at most once per `everyMinutes`, its watermark in `leads_job_state`; each
 * run names the history written since the last one that lies before its range (it cannot look there).
 * A series import evaluates the periods it wrote itself, with the same rules (evaluateImportedPeriods).
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
import {
  SHANGHAI_OFFSET_MS,
  shanghaiDate,
  shanghaiDayStart,
  DAY_MS,
  MINUTE_MS,
} from '../../../shared/dates.ts';
import { type Breach, type Finding } from './rules/frame.ts';
import { minesWithSeries, seriesWrittenBefore } from './series.repository.ts';
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

/** What one finding did: opened a lead, extended the open one (its window now), or nothing. */
export type FindingOutcome =
  | { outcome: 'opened' | 'extended'; leadId: string; windowStart: Date; windowEnd: Date }
  | { outcome: 'unchanged' };

/** Opens or extends the lead for one finding, in the caller's transaction. */
/** The declarations of work that explained part of a 明停暗开 finding, kept beside its breaches. */
const explainedOf = (f: Finding) => (f.explainedBy ? { explainedBy: f.explainedBy } : {});

type StoredInspection = { id: string; label: string };

/** The inspections a 停产迎检 lead is about: those it held, and the finding's (each once). */
function inspectionsOf(f: Finding, known: StoredInspection[] = []) {
  const all =
    f.inspection && !known.some((i) => i.id === f.inspection?.id)
      ? [...known, f.inspection]
      : known;
  return all.length ? { inspections: all } : {};
}

export async function applyFinding(
  tx: Db,
  f: Finding,
  at: Date,
  notifiable: NotifiableUser[],
): Promise<FindingOutcome> {
  const open = await repo.lockOpenLead(tx, f.mineId, f.rule);
  const breaches = f.breaches.map(storeBreach);
  if (open) {
    const grows =
      f.to > open.windowEnd.getTime() ||
      f.from < open.windowStart.getTime() ||
      f.score > open.score;
    if (!grows) {
      return { outcome: 'unchanged' };
    }
    const evidence = open.evidence as {
      breaches: StoredBreach[];
      inspections?: StoredInspection[];
    };
    const known = evidence.breaches;
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
      evidence: { breaches: merged, ...explainedOf(f), ...inspectionsOf(f, evidence.inspections) },
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
    return { outcome: 'extended', leadId: open.id, windowStart, windowEnd };
  }
  if (await repo.closedLeadCovers(tx, f.mineId, f.rule, new Date(f.to))) {
    return { outcome: 'unchanged' };
  }
  const leadId = await repo.insertLead(tx, {
    mineId: f.mineId,
    rule: f.rule,
    status: LeadStatus.New,
    score: f.score,
    windowStart: new Date(f.from),
    windowEnd: new Date(f.to),
    summary: f.summary,
    evidence: { breaches: breaches.slice(-EVIDENCE_MAX), ...explainedOf(f), ...inspectionsOf(f) },
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
  return {
    outcome: 'opened',
    leadId,
    windowStart: new Date(f.from),
    windowEnd: new Date(f.to),
  };
}

/** Series the job's range leaves out: one mine's rows written since the last run, before the range. */
export interface OutsideRange {
  mineId: string;
  mineName: string;
  /** The first and the last period written. */
  first: Date;
  last: Date;
  rows: number;
  /** Written by an import, which evaluated these periods itself; otherwise nothing evaluated them. */
  evaluatedOnImport: boolean;
}

export interface EvaluationReport {
  mines: number;
  findings: number;
  opened: number;
  extended: number;
  /** The range the job framed: [from, to). */
  from: Date;
  to: Date;
  /** History written since the last run that lies before `from` (the scheduled run only). */
  outsideRange: OutsideRange[];
}

/** The log line naming history the job's range leaves out (server log, for the administrators). */
export function describeOutsideRange(o: OutsideRange, rangeFrom: Date): string {
  const span = `${shanghaiDate(o.first)} 至 ${shanghaiDate(o.last)}`;
  return o.evaluatedOnImport
    ? `线索评估: 「${o.mineName}」${span} 的 ${o.rows} 条导入序列早于定时评估范围 (${shanghaiDate(rangeFrom)} 起), 已在导入时评估`
    : `线索评估: 「${o.mineName}」${span} 的 ${o.rows} 条序列早于定时评估范围 (${shanghaiDate(rangeFrom)} 起), 定时评估未覆盖, 未评估`;
}

/** A mine's findings over `days` days from `start`, earliest first; undefined when there is no such mine. */
async function findingsOf(
  db: Db,
  mineId: string,
  start: number,
  days: number,
  rules: LeadRules,
): Promise<Finding[] | undefined> {
  const frame = await loadFrame(db, mineId, start, days);
  return frame && evaluateMine(frame, rules).sort((a, b) => a.from - b.from);
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
  const report: EvaluationReport = {
    mines: 0,
    findings: 0,
    opened: 0,
    extended: 0,
    from: new Date(start),
    to: new Date(start + days * DAY_MS),
    outsideRange: [],
  };
  let notifiable: NotifiableUser[] | undefined;
  for (const mineId of mineIds) {
    const findings = await findingsOf(deps.db, mineId, start, days, rules);
    if (!findings) {
      continue;
    }
    report.mines++;
    report.findings += findings.length;
    if (findings.length === 0) {
      continue;
    }
    // Read before the transaction (once): one connection (PGlite) cannot read outside an open one.
    const recipients = (notifiable ??= await notifiableUsers(deps.db));
    await deps.db.transaction(async (tx) => {
      for (const f of findings) {
        const { outcome } = await applyFinding(tx, f, now, recipients);
        if (outcome === 'opened') {
          report.opened++;
        } else if (outcome === 'extended') {
          report.extended++;
        }
      }
    });
  }
  if (!options.mineIds) {
    // What this range cannot see: history written since the last run (imports evaluate their own).
    const since = await readJobState(deps.db, KEY);
    report.outsideRange = (await seriesWrittenBefore(deps.db, new Date(start), since)).map((r) => ({
      mineId: r.mineId,
      mineName: r.mineName,
      first: r.first,
      last: r.last,
      rows: r.rows,
      evaluatedOnImport: r.imported,
    }));
    await writeJobState(deps.db, KEY, now);
  }
  return report;
}

/** A period an import wrote for one mine: [from, to) in ms (one per mine and calendar year). */
export interface TouchedPeriod {
  mineId: string;
  from: number;
  to: number;
}

/** The start (ms) of the China calendar year holding `ms`. */
export function yearStartOf(ms: number): number {
  const year = new Date(ms + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS;
}

function nextYearStart(yearStart: number): number {
  const year = new Date(yearStart + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS;
}

/** One period an import's re-evaluation looked at, and the frame it read around it. */
export interface EvaluationPiece {
  mineId: string;
  /** The touched China days within one calendar year: [from, to). */
  from: number;
  to: number;
  /** The frame read: the year and the look-back before the piece (the baselines), up to today. */
  frameStart: number;
  frameDays: number;
  /** Whether the scheduled job's range also covers the whole piece. */
  inJobRange: boolean;
}

/**
 * The periods to evaluate after an import (pure): each touched period widened to whole China days and
 * cut at calendar years — the job's own frame (a year and its look-back), so a piece's frame is never
 * larger than the job's and an import costs one frame per mine and year it wrote, not one per row.
 */
export function evaluationPieces(
  touched: readonly TouchedPeriod[],
  now: Date,
  rules: LeadRules,
): EvaluationPiece[] {
  const job = evaluationRange(now, rules);
  const jobEnd = job.start + job.days * DAY_MS;
  const out: EvaluationPiece[] = [];
  for (const t of touched) {
    const from = shanghaiDayStart(t.from);
    const to = Math.min(shanghaiDayStart(t.to - 1) + DAY_MS, jobEnd);
    for (let year = yearStartOf(from); year < to; year = nextYearStart(year)) {
      const pieceFrom = Math.max(from, year);
      const pieceTo = Math.min(to, nextYearStart(year));
      const frameStart = Math.min(pieceFrom - rules.lookbackDays * DAY_MS, year);
      const frameEnd = Math.min(nextYearStart(year), jobEnd);
      out.push({
        mineId: t.mineId,
        from: pieceFrom,
        to: pieceTo,
        frameStart,
        frameDays: Math.round((frameEnd - frameStart) / DAY_MS),
        inJobRange: pieceFrom >= job.start,
      });
    }
  }
  // Per mine in time order, so a lead extended by several pieces ends with the latest summary.
  return out.sort((a, b) => a.mineId.localeCompare(b.mineId) || a.from - b.from);
}

export interface ImportEvaluation {
  pieces: EvaluationPiece[];
  findings: number;
  opened: number;
  extended: number;
  leads: {
    leadId: string;
    mineId: string;
    rule: Finding['rule'];
    outcome: 'opened' | 'extended';
    windowStart: Date;
    windowEnd: Date;
  }[];
}

/**
 * Runs the lead rules over the periods an import wrote, in the import's transaction: the same frames
 * and rules as the job, once per mine and calendar year touched, keeping the findings that overlap
 * the touched days (the frame's look-back only feeds the baselines). The caller passes only the mines
 * its own rows belong to, so the evaluation stays within the importer's jurisdiction.
 */
export async function evaluateImportedPeriods(
  tx: Db,
  touched: readonly TouchedPeriod[],
  at: Date,
): Promise<ImportEvaluation> {
  const rules = await getSetting(tx, leadsSettings.rules);
  const pieces = evaluationPieces(touched, at, rules);
  const result: ImportEvaluation = { pieces, findings: 0, opened: 0, extended: 0, leads: [] };
  let notifiable: NotifiableUser[] | undefined;
  for (const p of pieces) {
    const findings = (await findingsOf(tx, p.mineId, p.frameStart, p.frameDays, rules))?.filter(
      (f) => f.from < p.to && f.to > p.from,
    );
    if (!findings?.length) {
      continue;
    }
    result.findings += findings.length;
    notifiable ??= await notifiableUsers(tx);
    for (const f of findings) {
      const applied = await applyFinding(tx, f, at, notifiable);
      if (applied.outcome === 'unchanged') {
        continue;
      }
      result[applied.outcome]++;
      const { outcome, leadId, windowStart, windowEnd } = applied;
      // A lead extended twice (two findings, two years) is listed once, with its final window.
      const known = result.leads.find((l) => l.leadId === leadId);
      if (known) {
        known.windowStart = windowStart;
        known.windowEnd = windowEnd;
      } else {
        result.leads.push({
          leadId,
          mineId: f.mineId,
          rule: f.rule,
          outcome,
          windowStart,
          windowEnd,
        });
      }
    }
  }
  return result;
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
