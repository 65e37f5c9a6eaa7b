/**
 * @module The 攻坚清单 manifest: plans and tasks with their escalation, the targets board, the regional
 * risk grading and the periodic reports. Job names keep the module's first name (`plans.`): they key
 * the jobs' claims.
 */
import type { ModuleManifest } from '../module.ts';
import { actionPlansAuditEvents } from './action-plans.audit.ts';
import { ActionPlanPermission, actionPlansGrants } from './action-plans.permissions.ts';
import { actionPlansSettings } from './action-plans.settings.ts';
import { escalateMissingReports } from './enterprise-report.escalation.ts';
import { registerEnterpriseReportRoutes } from './enterprise-report.routes.ts';
import { getEnterpriseReport } from './enterprise-report.service.ts';
import { registerPeriodicReportRoutes } from './periodic-report.routes.ts';
import { generateScheduledReports } from './periodic-report.service.ts';
import { gradeFinishedMonth } from './regional-risk.service.ts';
import { registerTargetRoutes } from './targets.routes.ts';
import { escalateOverdueTasks } from './task.escalation.ts';
import { actionPlansVisibility, registerWorkPlanRoutes } from './work-plan.routes.ts';

export const actionPlansModule: ModuleManifest = {
  name: 'action-plans',
  routes(app, { deps }) {
    registerWorkPlanRoutes(app, deps);
    registerTargetRoutes(app, deps);
    registerPeriodicReportRoutes(app, deps);
    registerEnterpriseReportRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'plans.escalateOverdueTasks',
      description: '逾期攻坚任务升级',
      everySeconds: config.jobsIntervalSeconds,
      run: () => escalateOverdueTasks(deps),
    },
    {
      name: 'plans.escalateMissingReports',
      description: '企业未按期报送治本攻坚推进情况升级',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ steps: await escalateMissingReports(deps) }),
    },
    {
      name: 'plans.gradeRegions',
      description: '上月区域风险分级',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ regionsGraded: await gradeFinishedMonth(deps) }),
    },
    {
      name: 'plans.periodicReports',
      description: '按计划生成定期报告 (周调度、月总结、季通报、年度总结)',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ periodicReportsMade: await generateScheduledReports(deps) }),
    },
  ],
  settings: Object.values(actionPlansSettings),
  auditEvents: actionPlansAuditEvents,
  auditVisibility: (deps) => ({
    ...actionPlansVisibility(deps),
    plan_enterprise_report: (p, id) => getEnterpriseReport(deps, p, id),
  }),
  permissions: { all: ActionPlanPermission, grants: actionPlansGrants },
};
