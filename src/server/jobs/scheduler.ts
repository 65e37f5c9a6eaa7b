/**
 * @module The one scheduler: every module's jobs (`ModuleManifest.jobs`), each on its own period. A run
 * first claims its job in the database (job-claim.repository.ts), so two server processes never run the
 * same job at once, and a job that ran anywhere within its period waits. Jobs keep their state in the
 * database, so a run after a restart or a long downtime catches up and never repeats a step.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { JobCounts, JobDefinition, ModuleContext, ModuleManifest } from '../modules/module.ts';
import { claimJob, releaseJob } from './job-claim.repository.ts';

/** What one run of every job did, by job name; `null` when another process held the job. */
export type JobReport = Record<string, JobCounts | null>;

/** Every job of the modules, in the modules' order. */
export function jobsOf(modules: readonly ModuleManifest[], ctx: ModuleContext): JobDefinition[] {
  return modules.flatMap((m) => m.jobs?.(ctx) ?? []);
}

/** A claim outlives a crashed run by at most this long (ten periods, between a minute and half an hour). */
function claimSeconds(job: JobDefinition): number {
  return Math.min(1800, Math.max(60, job.everySeconds * 10));
}

/** This process's name in claims. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Runs one job if this process can claim it: with `respectPeriod`, only when it has not started
 * anywhere within its period. Returns its counts, or null when it was not claimed.
 */
async function runClaimed(
  ctx: ModuleContext,
  job: JobDefinition,
  owner: string,
  respectPeriod: boolean,
): Promise<JobCounts | null> {
  const { db, clock } = ctx.deps;
  const now = clock();
  const claimed = await claimJob(db, {
    name: job.name,
    owner,
    now,
    heldUntil: new Date(now.getTime() + claimSeconds(job) * 1000),
    notBefore: respectPeriod ? new Date(now.getTime() - job.everySeconds * 1000) : undefined,
  });
  if (!claimed) {
    return null;
  }
  try {
    const counts = await job.run();
    await releaseJob(db, { name: job.name, owner, now: clock(), result: counts });
    return counts;
  } catch (e) {
    await releaseJob(db, { name: job.name, owner, now: clock(), result: { error: String(e) } });
    throw e;
  }
}

/** Runs every job once, in order (what `minewatch jobs run` and tests call), ignoring the periods. */
export async function runJobsOnce(
  modules: readonly ModuleManifest[],
  ctx: ModuleContext,
  owner = processOwner(),
): Promise<JobReport> {
  const report: JobReport = {};
  for (const job of jobsOf(modules, ctx)) {
    report[job.name] = await runClaimed(ctx, job, owner, false);
  }
  return report;
}

/**
 * Starts a timer per job (jobs with period 0 stay off): each run is claimed, runs of one job never
 * overlap, and a failure is logged and retried on the next period. Returns a function that stops them.
 */
export function startScheduler(
  modules: readonly ModuleManifest[],
  ctx: ModuleContext,
  owner = processOwner(),
): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  for (const job of jobsOf(modules, ctx).filter((j) => j.everySeconds > 0)) {
    const loop = async () => {
      try {
        const counts = await runClaimed(ctx, job, owner, true);
        if (counts && Object.values(counts).some((n) => n > 0)) {
          ctx.log(`${job.name}: ${formatCounts(counts)}`);
        }
      } catch (e) {
        ctx.log(`${job.name} failed`, e);
      }
      if (!stopped) {
        const timer = setTimeout(() => void loop(), job.everySeconds * 1000);
        timer.unref();
        timers.set(job.name, timer);
      }
    };
    void loop();
  }
  return () => {
    stopped = true;
    timers.forEach((t) => clearTimeout(t));
  };
}

/** `a 1, b 2`: a job's counts for a log line. */
export function formatCounts(counts: JobCounts): string {
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
