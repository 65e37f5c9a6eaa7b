/**
 * @module Enforcement's manifest (执法): risk classes, yearly inspection schedules, inspection records,
 * penalties, documents with their signed revisions, statistics, 异地交叉执法 arrangements.
 */
import type { ModuleManifest } from '../module.ts';
import { registerCrossRoutes } from './cross/cross.routes.ts';
import { registerDocumentRoutes } from './documents/document.routes.ts';
import { inspectionsAuditEvents } from './inspections.audit.ts';
import { InspectionPermission, inspectionsGrants } from './inspections.permissions.ts';
import { inspectionsSettings } from './inspections.settings.ts';
import { inspectionsVisibility } from './inspections.visibility.ts';
import { registerPenaltyRoutes } from './penalties/penalty.routes.ts';
import { registerRecordRoutes } from './records/records.routes.ts';
import { registerRiskRoutes } from './risk/risk.routes.ts';
import { registerScheduleRoutes } from './schedules/schedule.routes.ts';
import { registerStatsRoutes } from './stats/stats.routes.ts';

export const inspectionsModule: ModuleManifest = {
  name: 'inspections',
  routes(app, { deps }) {
    registerRiskRoutes(app, deps);
    registerScheduleRoutes(app, deps);
    registerRecordRoutes(app, deps);
    registerPenaltyRoutes(app, deps);
    registerDocumentRoutes(app, deps);
    registerStatsRoutes(app, deps);
    registerCrossRoutes(app, deps);
  },
  settings: Object.values(inspectionsSettings),
  auditEvents: inspectionsAuditEvents,
  auditVisibility: inspectionsVisibility,
  permissions: { all: InspectionPermission, grants: inspectionsGrants },
};
