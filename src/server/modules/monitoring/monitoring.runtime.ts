/**
 * @module One process's monitoring runtime: the engine every ingest path feeds, and the timed work
 * (calls, 断线/断网, auto-resolve, maintenance, retention) that the scheduler runs as the job
 * `monitoring.tick`. Alarms raised by ingest kick the call loop at once, so the first call goes out
 * within the same second; the tick catches up on the rest, and after a restart on everything that fell
 * due while the process was down.
 */
import type { ServiceDeps } from '../../platform/context.ts';
import type { EmailTarget } from '../notifications/email.service.ts';
import type { WebhookTarget } from '../notifications/webhook.service.ts';
import { deliverNotifications } from '../notifications/delivery.ts';
import { runDueCalls } from './alarm.calls.ts';
import { MonitoringEngine } from './monitoring.engine.ts';
import { autoResolve, detectSilence, endMaintenance, retainReadings } from './monitoring.jobs.ts';

export interface MonitoringOptions {
  /** Base URL of the web app, for acknowledgement links (PUBLIC_URL). */
  publicUrl: string;
  webhook?: WebhookTarget | undefined;
  /** An SMTP server for the e-mail channel (SMTP_URL, SMTP_FROM). */
  email?: EmailTarget | undefined;
  send?: typeof fetch;
  log?: (msg: string, err?: unknown) => void;
  /**
   * When this process began taking data (a served process: its start); silence is counted from then at
   * the earliest. Unset: from each point's last reading alone (jobs run by hand, tests).
   */
  listeningSince?: Date | undefined;
}

export interface MonitoringRuntime {
  engine: MonitoringEngine;
  /** Runs the due calls (and delivers their webhook events and e-mails) now; concurrent kicks coalesce. */
  kick(): Promise<void>;
  /** The timed work once: silence, auto-resolve, maintenance, calls, retention. */
  tick(): Promise<TickReport>;
  close(): void;
}

export interface TickReport {
  silence: { opened: number; clearing: number };
  resolved: number;
  maintenanceEnded: number;
  calls: Awaited<ReturnType<typeof runDueCalls>>;
  retention: Awaited<ReturnType<typeof retainReadings>>;
}

export function createMonitoring(deps: ServiceDeps, options: MonitoringOptions): MonitoringRuntime {
  const log = options.log ?? (() => undefined);
  const callOptions = { publicUrl: options.publicUrl, smtp: options.email !== undefined };
  const deliver = () =>
    deliverNotifications(deps, {
      webhook: options.webhook,
      email: options.email,
      send: options.send,
    });
  let running: Promise<void> | null = null;
  let again = false;
  const kick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runDueCalls(deps, callOptions);
          await deliver();
        } while (again);
      } catch (e) {
        log('alarm calls failed', e);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const engine = new MonitoringEngine(deps, { log });
  const stopKicks = deps.events.subscribe('monitoring.alarms.raised', () => void kick());
  const tick = async (): Promise<TickReport> => {
    const silence = await detectSilence(deps, options.listeningSince);
    const resolved = await autoResolve(deps);
    const maintenanceEnded = await endMaintenance(deps);
    const calls = await runDueCalls(deps, callOptions);
    const retention = await retainReadings(deps);
    return { silence, resolved, maintenanceEnded, calls, retention };
  };
  return {
    engine,
    kick,
    tick,
    close: () => {
      stopKicks();
      engine.close();
    },
  };
}
