/**
 * @module Endpoint contracts of the 攻坚清单 (server: modules/action-plans/work-plan.routes.ts,
 * targets.routes.ts and periodic-report.routes.ts). File downloads (任务分解表 export, evidence files,
 * a periodic report's PDF and xlsx) are plain links, not contracts.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  PeriodicReportDetailResponse,
  PeriodicReportResponse,
  RegionalRiskResponse,
  TargetBoardResponse,
  TargetMinesResponse,
  TargetTrendResponse,
  TaskFileResponse,
  TaskImportResponse,
  WorkPlanDetailResponse,
  WorkPlanResponse,
  WorkTaskDetailResponse,
  WorkTaskResponse,
} from './action-plans.schemas.ts';
import { EnterpriseReportBoardResponse, EnterpriseReportResponse } from './enterprise-reports.ts';

export const actionPlansApi = {
  /** The enterprises' progress reports to the plan per due date (原平四(六)): the caller's scope. */
  enterpriseReports: endpoint('GET', '/api/enterprise-reports', EnterpriseReportBoardResponse),
  /** The caller's own enterprise files its report for a due date. */
  fileEnterpriseReport: endpoint('POST', '/api/enterprise-reports', EnterpriseReportResponse, 201),
  /** A report the caller may see. */
  getEnterpriseReport: endpoint('GET', '/api/enterprise-reports/:id', EnterpriseReportResponse),
  /** The report's one file, by its enterprise (multipart body). */
  addEnterpriseReportFile: endpoint(
    'POST',
    '/api/enterprise-reports/:id/file',
    EnterpriseReportResponse,
    201,
  ),
  /** The plans the caller sees: of its region subtree, and those with a task of its unit. */
  listPlans: endpoint('GET', '/api/work-plans', z.array(WorkPlanResponse)),
  /** A plan of the caller's own unit and region. */
  createPlan: endpoint('POST', '/api/work-plans', WorkPlanResponse, 201),
  /** A plan with its tasks (a unit outside its region sees only the tasks it carries). */
  getPlan: endpoint('GET', '/api/work-plans/:id', WorkPlanDetailResponse),
  /** A task added to a plan by the unit that owns it. */
  createTask: endpoint('POST', '/api/work-plans/:id/tasks', WorkTaskResponse, 201),
  /** A 任务分解表 imported all or nothing (multipart body). */
  importTasks: endpoint('POST', '/api/work-plans/:id/tasks/import', TaskImportResponse),
  /** A task with its progress and their evidence files. */
  getTask: endpoint('GET', '/api/work-tasks/:id', WorkTaskDetailResponse),
  /** A task's content, units, deadline or target changed by the plan's unit. */
  updateTask: endpoint('PUT', '/api/work-tasks/:id', WorkTaskDetailResponse),
  /** Progress reported by a unit that leads or supports the task. */
  reportProgress: endpoint('POST', '/api/work-tasks/:id/progress', WorkTaskDetailResponse, 201),
  /** An evidence file attached to a progress report by its unit (multipart body). */
  addProgressFile: endpoint(
    'POST',
    '/api/work-tasks/:id/progress/:progressId/files',
    TaskFileResponse,
    201,
  ),
  /** Every indicator of a region on a date, with the targets that apply there. */
  targetBoard: endpoint('GET', '/api/targets', TargetBoardResponse),
  /** An indicator at the end of each of the last months. */
  targetTrend: endpoint('GET', '/api/targets/:key/trend', TargetTrendResponse),
  /** The mines that hold an indicator back. */
  targetMines: endpoint('GET', '/api/targets/:key/mines', TargetMinesResponse),
  /** The regions below a region graded and ranked for a month. */
  regionalRisk: endpoint('GET', '/api/regional-risk', RegionalRiskResponse),
  /** The archived periodic reports of the regions the caller sees. */
  listPeriodicReports: endpoint('GET', '/api/periodic-reports', z.array(PeriodicReportResponse)),
  /** A periodic report of the period to date, made now and archived. */
  generatePeriodicReport: endpoint('POST', '/api/periodic-reports', PeriodicReportResponse, 201),
  /** A periodic report with its archived figures. */
  getPeriodicReport: endpoint('GET', '/api/periodic-reports/:id', PeriodicReportDetailResponse),
};
