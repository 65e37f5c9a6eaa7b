/**
 * @module The composition root's pieces: the module context (one monitoring runtime per process), and
 * what the platform needs from every module's manifest (the settings catalogue, the audit visibility
 * checks). The server, the CLI and tests all assemble the product from here.
 */
import type { VisibilityCheck } from './platform/audit/audit.routes.ts';
import type { Config } from './platform/config.ts';
import type { ServiceDeps } from './platform/context.ts';
import type { Db } from './platform/db/client.ts';
import type { SettingDefinition } from './platform/settings/settings.definition.ts';
import type { SettingsCatalogue } from './platform/settings/settings.service.ts';
import type { Log, ModuleContext, ModuleManifest } from './modules/module.ts';
import { createMonitoring } from './modules/monitoring/monitoring.runtime.ts';

/** The options a module context is made from. */
export type ContextConfig = ModuleContext['config'];

/** The context options of a loaded configuration. */
export function contextConfigOf(config: Config): ContextConfig {
  return {
    publicUrl: config.publicUrl,
    webhook: config.webhook,
    email: config.email,
    cookieSecure: config.cookieSecure,
    monitoringTickSeconds: config.monitoringTickSeconds,
    jobsIntervalSeconds: config.jobsIntervalSeconds,
    coalForward: config.coalForward,
  };
}

/** The context every module runs in, with this process's monitoring runtime; close it when done. */
export function createModuleContext(
  deps: ServiceDeps,
  config: ContextConfig,
  options: {
    log?: Log | undefined;
    send?: typeof fetch | undefined;
    /** When the process began taking data (`minewatch serve`): silence counts from then at the earliest. */
    listeningSince?: Date | undefined;
  } = {},
): ModuleContext & { close(): void } {
  const log: Log = options.log ?? (() => undefined);
  const monitoring = createMonitoring(deps, {
    publicUrl: config.publicUrl,
    webhook: config.webhook,
    email: config.email,
    log,
    listeningSince: options.listeningSince,
    ...(options.send ? { send: options.send } : {}),
  });
  return { deps, config, monitoring, send: options.send, log, close: () => monitoring.close() };
}

/** Every module's settings and their follow-ups, by key; a key defined twice is a programming error. */
export function settingsCatalogueOf(modules: readonly ModuleManifest[]): SettingsCatalogue {
  const definitions = new Map<string, SettingDefinition>();
  const followUps = new Map<string, (tx: Db) => Promise<unknown>>();
  for (const m of modules) {
    for (const s of m.settings ?? []) {
      if (definitions.has(s.key)) {
        throw new Error(`setting ${s.key} is defined twice`);
      }
      definitions.set(s.key, s);
    }
    for (const [key, followUp] of Object.entries(m.settingFollowUps ?? {})) {
      followUps.set(key, followUp);
    }
  }
  return { definitions, followUps };
}

/** Every module's audit visibility checks, by entity kind. */
export function auditVisibilityOf(
  modules: readonly ModuleManifest[],
  deps: ServiceDeps,
): Record<string, VisibilityCheck> {
  return Object.assign({}, ...modules.map((m) => m.auditVisibility(deps))) as Record<
    string,
    VisibilityCheck
  >;
}
