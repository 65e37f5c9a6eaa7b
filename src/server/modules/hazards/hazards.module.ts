/**
 * @module The major-hazard ledger's manifest: hazards and their loop, the criteria catalogue, monthly
 * and quarterly inspections, the dynamic analysis, and the acts of the overdue ladder's steps (acts/).
 */
import type { ModuleManifest } from '../module.ts';
import { requirePermission } from '../../platform/context.ts';
import { hazardsAuditEvents } from './hazards.audit.ts';
import { HazardPermission, hazardsGrants } from './hazards.permissions.ts';
import { hazardsSettings } from './hazards.settings.ts';
import { registerHazardRoutes } from './hazard.routes.ts';
import { getHazard } from './hazard.service.ts';
import { getInvestigation } from './investigation.service.ts';
import { registerInvestigationRoutes } from './investigation.routes.ts';
import { escalateOverdueHazards } from './hazard.escalation.ts';
import { escalateMissingReports, reportVisible } from './self-inspection.service.ts';
import { registerActRoutes } from './acts/acts.routes.ts';
import { escalateOverdueCommitments } from './acts/acts.escalation.ts';

export const hazardsModule: ModuleManifest = {
  name: 'hazards',
  routes(app, { deps }) {
    registerHazardRoutes(app, deps);
    registerActRoutes(app, deps);
    registerInvestigationRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'hazards.escalateOverdue',
      description: '逾期重大事故隐患升级 (提醒 → 函告 → 通报 → 约谈 → 曝光)',
      everySeconds: config.jobsIntervalSeconds,
      run: () => escalateOverdueHazards(deps),
    },
    {
      name: 'hazards.escalateCommitments',
      description: '约谈整改承诺逾期升级',
      everySeconds: config.jobsIntervalSeconds,
      run: () => escalateOverdueCommitments(deps),
    },
    {
      name: 'hazards.escalateMissingReports',
      description: '未按时填报的月度自查报告和上级公司季度排查升级',
      everySeconds: config.jobsIntervalSeconds,
      run: () => escalateMissingReports(deps),
    },
  ],
  settings: Object.values(hazardsSettings),
  auditEvents: hazardsAuditEvents,
  auditVisibility: (deps) => ({
    hazard: (p, id) => getHazard(deps, p, id),
    hazard_investigation: (p, id) => getInvestigation(deps, p, id),
    // The regulators' side of a hazard (the permission only regulators hold), within jurisdiction.
    hazard_exposure: (p, id) => {
      requirePermission(p, HazardPermission.InvestigationRead);
      return getHazard(deps, p, id);
    },
    hazard_standard: (p) => Promise.resolve(requirePermission(p, HazardPermission.Read)),
    // Report ids, or "<mineId>:<YYYY-MM>" for escalations of a missing report: visible with the mine.
    self_inspection_report: (p, id) => reportVisible(deps, p, id),
  }),
  permissions: { all: HazardPermission, grants: hazardsGrants },
};
