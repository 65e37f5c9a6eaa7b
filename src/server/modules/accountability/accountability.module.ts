/**
 * @module Accountability's manifest (问责闭环): accidents and their reporting chain, 举报 with its steps,
 * the qualification and contractor checks.
 */
import type { ModuleManifest } from '../module.ts';
import { accountabilityAuditEvents } from './accountability.audit.ts';
import { AccountabilityPermission, accountabilityGrants } from './accountability.permissions.ts';
import { accountabilitySettings } from './accountability.settings.ts';
import { accidentsVisibility, registerAccidentRoutes } from './accident.routes.ts';
import { publicReportsVisibility, registerPublicReportRoutes } from './public-report.routes.ts';
import { registerComplianceRoutes } from './compliance.routes.ts';
import { escalateOverdueCases } from './public-report.escalation.ts';

export const accountabilityModule: ModuleManifest = {
  name: 'accountability',
  routes(app, { deps }) {
    registerAccidentRoutes(app, deps);
    registerPublicReportRoutes(app, deps);
    registerComplianceRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'accountability.escalateOverdueCases',
      description: '超过时限的举报环节升级',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ escalated: await escalateOverdueCases(deps) }),
    },
  ],
  settings: Object.values(accountabilitySettings),
  auditEvents: accountabilityAuditEvents,
  auditVisibility: (deps) => ({ ...accidentsVisibility(deps), ...publicReportsVisibility(deps) }),
  permissions: { all: AccountabilityPermission, grants: accountabilityGrants },
};
