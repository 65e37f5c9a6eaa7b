/**
 * @module Emergency's manifest (应急准备与培训, issue 25 §3): per-mine registers of 应急预案, drills and
 * 反风演习, the 矿山救护 agreement, training hours, 自救器 practice and 两单两卡, 逢查必考 on inspections, and
 * the out-of-date registers on the escalation ladder.
 */
import type { ModuleManifest } from '../module.ts';
import { emergencyAuditEvents } from './emergency.audit.ts';
import { escalateEmergencyFindings } from './emergency.escalation.ts';
import { EmergencyPermission, emergencyGrants } from './emergency.permissions.ts';
import { registerEmergencyRoutes } from './emergency.routes.ts';
import { emergencySettings } from './emergency.settings.ts';

export const emergencyModule: ModuleManifest = {
  name: 'emergency',
  routes(app, { deps }) {
    registerEmergencyRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'emergency.escalateFindings',
      description: '应急预案、演练、救护协议、自救器、培训、两单两卡逾期逐级升级',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ escalated: await escalateEmergencyFindings(deps) }),
    },
  ],
  settings: Object.values(emergencySettings),
  auditEvents: emergencyAuditEvents,
  // Its events are about mines and inspections, whose modules say who may see their history.
  auditVisibility: () => ({}),
  permissions: { all: EmergencyPermission, grants: emergencyGrants },
};
