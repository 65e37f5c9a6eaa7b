/**
 * @module Duty's manifest (企业主体责任, issue 25 §4): leaders' dated duty records and their monthly
 * minimums (带班下井 and 履职天数) with the short months on the escalation ladder, and the 矿长安全生产记分.
 */
import type { ModuleManifest } from '../module.ts';
import { dutyAuditEvents } from './duty.audit.ts';
import { escalateShortMonths } from './duty.escalation.ts';
import { DutyPermission, dutyGrants } from './duty.permissions.ts';
import { dutyVisibility, registerDutyRoutes } from './duty.routes.ts';
import { dutySettings } from './duty.settings.ts';

export const dutyModule: ModuleManifest = {
  name: 'duty',
  routes(app, { deps }) {
    registerDutyRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'duty.escalateShortMonths',
      description: '领导带班下井及履职天数不足的月份逐级升级',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ escalated: await escalateShortMonths(deps) }),
    },
  ],
  settings: Object.values(dutySettings),
  auditEvents: dutyAuditEvents,
  auditVisibility: dutyVisibility,
  permissions: { all: DutyPermission, grants: dutyGrants },
};
