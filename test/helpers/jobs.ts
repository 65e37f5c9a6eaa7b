/**
 * @module Runs every module's scheduled jobs once, as `minewatch jobs run` does, over a test database.
 */
import { createModuleContext } from '../../src/server/composition.ts';
import { runJobsOnce, type JobReport } from '../../src/server/jobs/scheduler.ts';
import { modules } from '../../src/server/modules/index.ts';
import type { DeliveryTargets } from '../../src/server/modules/notifications/delivery.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { testContextConfig } from './app.ts';

/** Every job once, in order; `targets` are the notification gateways (none by default). */
export async function runJobs(
  deps: ServiceDeps,
  targets: DeliveryTargets = {},
): Promise<JobReport> {
  const ctx = createModuleContext(
    deps,
    { ...testContextConfig, webhook: targets.webhook, email: targets.email },
    { send: targets.send },
  );
  try {
    return await runJobsOnce(modules, ctx);
  } finally {
    ctx.close();
  }
}
