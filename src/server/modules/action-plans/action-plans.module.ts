/**
 * @module The 攻坚清单 manifest: plans and tasks with their escalation, the targets board, the regional
 * risk grading and the periodic reports.
 */
import type { ModuleManifest } from '../module.ts';
import { plansAuditEvents } from './action-plans.audit.ts';
import { WorkPlanPermission, plansGrants } from './action-plans.permissions.ts';
import { plansSettings } from './action-plans.settings.ts';
import { plansVisibility, registerPlanRoutes } from './work-plan.routes.ts';
import { registerTargetRoutes } from './targets.routes.ts';
import { escalateOverdueTasks } from './task.escalation.ts';
import { gradeFinishedMonth } from './regional-risk.ts';
import { generateScheduledReports } from './periodic-report.service.ts';

export const plansModule: ModuleManifest = {
  name: 'action-plans',
  routes(app, { deps }) {
    registerPlanRoutes(app, deps);
    registerTargetRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'plans.escalateOverdueTasks',
      description: '逾期攻坚任务升级',
      everySeconds: config.jobsIntervalSeconds,
      run: () => escalateOverdueTasks(deps),
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
      run: async () => ({ reportsMade: await generateScheduledReports(deps) }),
    },
  ],
  settings: Object.values(plansSettings),
  auditEvents: plansAuditEvents,
  auditVisibility: plansVisibility,
  permissions: { all: WorkPlanPermission, grants: plansGrants },
};
