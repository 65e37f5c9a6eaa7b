/**
 * @module Monitoring's manifest: facilities and sensors, ingest, alarms and the 叫应 loop. The engine
 * and the loop are the process's monitoring runtime (`ctx.monitoring`); the tick does the timed work.
 */
import type { JobCounts, ModuleManifest } from '../module.ts';
import { monitoringAuditEvents } from './monitoring.audit.ts';
import { MonitoringPermission, monitoringGrants } from './monitoring.permissions.ts';
import { monitoringSettings } from './monitoring.settings.ts';
import { registerMonitoringRoutes } from './monitoring.routes.ts';
import { registerMineMapRoutes } from './mine-map.routes.ts';
import { loadVisibleAlarm } from './alarm.service.ts';
import { loadVisibleWindow } from './maintenance.service.ts';
import { loadVisibleFacility, loadVisibleSensor } from './sensor.service.ts';
import { readingsTopic } from './mqtt.ingest.ts';

/** The numbers of a nested report, by dotted path (`silence.opened`). */
function counts(report: object, prefix = ''): JobCounts {
  const out: JobCounts = {};
  for (const [k, v] of Object.entries(report)) {
    if (typeof v === 'number') {
      out[`${prefix}${k}`] = v;
    } else if (v && typeof v === 'object') {
      Object.assign(out, counts(v as object, `${prefix}${k}.`));
    }
  }
  return out;
}

export const monitoringModule: ModuleManifest = {
  name: 'monitoring',
  routes(app, { deps, monitoring }) {
    registerMonitoringRoutes(app, deps, monitoring);
    registerMineMapRoutes(app, deps);
  },
  mqttTopics: ({ monitoring }) => [readingsTopic(monitoring.engine)],
  jobs: ({ monitoring, config }) => [
    {
      name: 'monitoring.tick',
      description: '监测定时工作: 断线/断网、自动解除、维护结束、叫应、数据保存期限',
      everySeconds: config.monitoringTickSeconds,
      run: async () => counts(await monitoring.tick()),
    },
  ],
  settings: Object.values(monitoringSettings),
  auditEvents: monitoringAuditEvents,
  auditVisibility: (deps) => ({
    alarm: (p, id) => loadVisibleAlarm(deps.db, p, id),
    sensor: (p, id) => loadVisibleSensor(deps.db, p, id),
    monitoring_facility: (p, id) => loadVisibleFacility(deps.db, p, id),
    maintenance_window: (p, id) => loadVisibleWindow(deps.db, p, id),
  }),
  permissions: { all: MonitoringPermission, grants: monitoringGrants },
};
