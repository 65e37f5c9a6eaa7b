/**
 * @module Scheduled jobs. Each job keeps its state in the database, so a run after a restart or a long
 * downtime catches up and never repeats a step; the timer here only decides how often to look.
 */
import type { ServiceDeps } from '../platform/context.ts';
import { purgeExpiredSessions } from '../modules/access/access.service.ts';
import { escalateOverdueHazards } from '../modules/hazards/hazard.escalation.ts';
import { escalateMissingReports } from '../modules/hazards/self-inspection.service.ts';
import { deliverWebhooks, type WebhookTarget } from '../modules/notifications/webhook.service.ts';
import { evaluateLeadsIfDue, type EvaluationReport } from '../modules/leads/lead.detect.ts';
import { rollupMonitoring } from '../modules/leads/series.rollup.ts';
import { escalateOverdueTasks } from '../modules/plans/task.escalation.ts';
import { gradeFinishedMonth } from '../modules/plans/regional-risk.ts';
import { generateScheduledReports } from '../modules/plans/report.service.ts';
import { escalateOverdueCases } from '../modules/accountability/public-report.escalation.ts';
import { getSetting } from '../platform/settings/settings.service.ts';

export interface JobReport {
  hazardEscalations: { hazards: number; steps: number };
  reportEscalations: { reports: number; steps: number };
  taskEscalations: { tasks: number; steps: number };
  /** Regions graded for the month just over; periodic reports made this run. */
  plans: { regionsGraded: number; reportsMade: number };
  /** 举报 steps past their time limit, escalated this run. */
  publicReportEscalations: number;
  webhooks: { delivered: number; failed: number };
  expiredSessionsPurged: number;
  /** Mine-level series rows folded from monitoring; the lead evaluation when it was due. */
  leads: { seriesRows: number; evaluation: EvaluationReport | null };
}

export interface JobOptions {
  /** The SMS / messaging gateway notifications are POSTed to (NOTIFY_WEBHOOK_URL). */
  webhook?: WebhookTarget | undefined;
  send?: typeof fetch;
}

/** Runs every job once (what the timer, `minewatch jobs run` and tests call). */
export async function runJobsOnce(deps: ServiceDeps, options: JobOptions = {}): Promise<JobReport> {
  const seriesRows = await rollupMonitoring(deps);
  const leadRules = await getSetting(deps.db, 'leads.rules');
  const evaluation = await evaluateLeadsIfDue(deps, leadRules.everyMinutes);
  return {
    leads: { seriesRows, evaluation },
    hazardEscalations: await escalateOverdueHazards(deps),
    reportEscalations: await escalateMissingReports(deps),
    taskEscalations: await escalateOverdueTasks(deps),
    plans: {
      regionsGraded: await gradeFinishedMonth(deps),
      reportsMade: await generateScheduledReports(deps),
    },
    publicReportEscalations: await escalateOverdueCases(deps),
    // After the escalations, so their notifications go out on the same tick.
    webhooks: await deliverWebhooks(deps, options.webhook, options.send),
    expiredSessionsPurged: await purgeExpiredSessions(deps),
  };
}

/** Runs the jobs now and then every `intervalMs`; returns a function that stops the timer. */
export function startScheduler(
  deps: ServiceDeps,
  intervalMs: number,
  log: (msg: string, err?: unknown) => void,
  options: JobOptions = {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) {
      return;
    }
    running = true;
    try {
      const r = await runJobsOnce(deps, options);
      if (r.leads.evaluation?.opened) {
        log(`opened ${r.leads.evaluation.opened} lead(s) on ${r.leads.evaluation.mines} mine(s)`);
      }
      if (r.hazardEscalations.steps) {
        log(
          `escalated ${r.hazardEscalations.steps} step(s) on ${r.hazardEscalations.hazards} hazard(s)`,
        );
      }
    } catch (e) {
      log('scheduled jobs failed', e);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
