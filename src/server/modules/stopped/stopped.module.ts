/**
 * @module The stopped-mines manifest (issue 24): 整改方案, declared work at stopped mines (read by the 明停暗开
 * rule), 包保责任人 and their 驻矿盯守 / 巡查 visits.
 */
import type { ModuleManifest } from '../module.ts';
import { stoppedAuditEvents } from './stopped.audit.ts';
import { escalateOverduePatrols } from './stopped.escalation.ts';
import { StoppedPermission, stoppedGrants } from './stopped.permissions.ts';
import { registerStoppedRoutes, stoppedVisibility } from './stopped.routes.ts';
import { stoppedSettings } from './stopped.settings.ts';

export const stoppedModule: ModuleManifest = {
  name: 'stopped',
  routes(app, { deps }) {
    registerStoppedRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'stopped.escalateOverduePatrols',
      description: '停产矿山包保巡查逾期升级',
      everySeconds: config.jobsIntervalSeconds,
      run: () => escalateOverduePatrols(deps),
    },
  ],
  settings: Object.values(stoppedSettings),
  auditEvents: stoppedAuditEvents,
  auditVisibility: stoppedVisibility,
  permissions: { all: StoppedPermission, grants: stoppedGrants },
};
