/**
 * @module Enforcement's manifest (执法): risk classes, yearly inspection plans, inspection records,
 * penalties, documents with their signed revisions, statistics.
 */
import type { ModuleManifest } from '../module.ts';
import { inspectionsAuditEvents } from './inspections.audit.ts';
import { InspectionPermission, inspectionsGrants } from './inspections.permissions.ts';
import { inspectionsSettings } from './inspections.settings.ts';
import { registerInspectionRoutes } from './inspections.routes.ts';
import { registerRecordRoutes } from './records.routes.ts';
import { inspectionsVisibility } from './inspections.visibility.ts';

export const inspectionsModule: ModuleManifest = {
  name: 'inspections',
  routes(app, { deps }) {
    registerInspectionRoutes(app, deps);
    registerRecordRoutes(app, deps);
  },
  settings: Object.values(inspectionsSettings),
  auditEvents: inspectionsAuditEvents,
  auditVisibility: inspectionsVisibility,
  permissions: { all: InspectionPermission, grants: inspectionsGrants },
};
