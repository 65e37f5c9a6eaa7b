/**
 * @module The one scheduler: every module's jobs (`ModuleManifest.jobs`), each on its own period. A run
 * first claims its job in the database (job-claim.repository.ts), so two server processes never run the
 * same job at once, and a job that ran anywhere within its period waits. Jobs keep their state in the
 * database, so a run after a restart or a long downtime catches up and never repeats a step.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { JobCounts, JobDefinition, ModuleContext, ModuleManifest } from '../modules/module.ts';
import { claimJob, releaseJob, renewJob } from './job-claim.repository.ts';

/** What one run of every job did, by job name; `null` when another process held the job. */
export type JobReport = Record<string, JobCounts | null>;

/** Every job of the modules, in the modules' order. */
export function jobsOf(modules: readonly ModuleManifest[], ctx: ModuleContext): JobDefinition[] {
  return modules.flatMap((m) => m.jobs?.(ctx) ?? []);
}

/**
 * A claim's lease: renewed every third of it while the run lasts, so a process that dies mid-run (a
 * node killed among several) holds its jobs this long at most before another process takes them.
 */
export const CLAIM_LEASE_SECONDS = 15;

/** This process's name in claims. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Runs one job if this process can claim it: with `respectPeriod`, only when it has not started
 * anywhere within its period. Returns its counts, or null when it was not claimed.
 */
export async function runClaimed(
  ctx: Pick<ModuleContext, 'deps' | 'log'>,
  job: JobDefinition,
  owner: string,
  respectPeriod: boolean,
): Promise<JobCounts | null> {
  const { db, clock } = ctx.deps;
  const now = clock();
  const lease = () => new Date(clock().getTime() + CLAIM_LEASE_SECONDS * 1000);
  const claimed = await claimJob(db, {
    name: job.name,
    owner,
    now,
    heldUntil: lease(),
    notBefore: respectPeriod ? new Date(now.getTime() - job.everySeconds * 1000) : undefined,
  });
  if (!claimed) {
    return null;
  }
  let renewing: Promise<void> = Promise.resolve();
  const renew = setInterval(
    () => {
      renewing = renewing
        .then(async () => {
          // Lost: this process stalled past its lease (or the nodes' clocks disagree: keep them on
          // NTP) and another took the job. Its steps are each claimed or idempotent; say so.
          if (!(await renewJob(db, { name: job.name, owner, heldUntil: lease() }))) {
            ctx.log(`${job.name}: claim lost to another process while running`);
          }
        })
        .catch((e: unknown) => ctx.log(`${job.name}: claim not renewed`, e));
    },
    (CLAIM_LEASE_SECONDS * 1000) / 3,
  );
  renew.unref();
  const release = async (result: unknown) => {
    clearInterval(renew);
    await renewing;
    await releaseJob(db, { name: job.name, owner, now: clock(), result });
  };
  try {
    const counts = await job.run();
    await release(counts);
    return counts;
  } catch (e) {
    await release({ error: String(e) });
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
