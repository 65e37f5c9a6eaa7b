/**
 * @module What every module exports: one manifest with its routes, its MQTT topics, its scheduled jobs, its settings, its
 * audit events with their visibility checks, and its permissions. The composition root
 * (`server/app.ts`, `server/jobs/scheduler.ts`, `minewatch jobs run`, the settings and audit routes)
 * loops over the list in `modules/index.ts`; adding an entity touches its own module only.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditEventCatalogue } from '../platform/audit/audit.events.ts';
import type { VisibilityCheck } from '../platform/audit/audit.routes.ts';
import type { Permission, RoleGrants } from '../platform/auth/permissions.ts';
import type { Config } from '../platform/config.ts';
import type { ServiceDeps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import type { SettingDefinition } from '../platform/settings/settings.definition.ts';
import type { MonitoringRuntime } from './monitoring/monitoring.runtime.ts';
import type { MqttTopic } from './monitoring/mqtt.ingest.ts';

/** A line for the log: an error is passed along when there is one. */
export type Log = (message: string, error?: unknown) => void;

/** What the composition root hands to each module's routes and jobs. */
export interface ModuleContext {
  deps: ServiceDeps;
  /** The process's options that modules read (addresses, gateways, timer periods). */
  config: Pick<
    Config,
    | 'publicUrl'
    | 'webhook'
    | 'email'
    | 'cookieSecure'
    | 'monitoringTickSeconds'
    | 'jobsIntervalSeconds'
  > &
    Partial<Pick<Config, 'coalForward'>>;
  /** The process's monitoring engine and 叫应 loop (every ingest path feeds the same one). */
  monitoring: MonitoringRuntime;
  /** Where the notification gateways are reached (tests pass a fake fetch). */
  send?: typeof fetch | undefined;
  log: Log;
}

/** What a job did on one run, by name (all zero when there was nothing to do). */
export type JobCounts = Record<string, number>;

/** A scheduled job: the scheduler runs it every `everySeconds`, claiming it so one process runs it. */
export interface JobDefinition {
  /** `<module>.<job>`; also the key of its claim. */
  name: string;
  /** What it does, in Chinese, for the log and `minewatch jobs run`. */
  description: string;
  /** How often it runs (0 = never on a timer; still run by `minewatch jobs run`). */
  everySeconds: number;
  /** Runs the job once; jobs keep their state in the database, so a run after a restart catches up. */
  run(): Promise<JobCounts>;
}

export interface ModuleManifest {
  /** The module's folder name. */
  name: string;
  /** Registers the module's HTTP routes; each declares its permission. */
  routes(app: FastifyInstance, ctx: ModuleContext): void;
  /** What the module takes over MQTT (`minewatch/<mineId>/<name>`), through the broker or subscriber. */
  mqttTopics?(ctx: ModuleContext): MqttTopic[];
  /** The module's scheduled jobs, in the order `minewatch jobs run` runs them. */
  jobs?(ctx: ModuleContext): JobDefinition[];
  /** The module's editable rule parameters. */
  settings?: readonly SettingDefinition<unknown>[];
  /** Work done in the same transaction when one of the module's settings changes, by setting key. */
  settingFollowUps?: Readonly<Record<string, (tx: Db) => Promise<unknown>>>;
  /** The module's audit events: type → the entity kind they are about. */
  auditEvents: AuditEventCatalogue;
  /** For each entity kind of its events: whether the caller may see that entity's history (404 if not). */
  auditVisibility(deps: ServiceDeps): Record<string, VisibilityCheck>;
  /** The module's permissions and the roles that hold them (joined in `modules/roles.ts`). */
  permissions: { all: Readonly<Record<string, Permission>>; grants: RoleGrants };
}
