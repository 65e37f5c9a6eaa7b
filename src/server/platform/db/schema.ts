/**
 * @module The one database schema: every table, for drizzle-kit and for typed queries.
 */
export * from '../../modules/registry/region.table.ts';
export * from '../../modules/registry/enterprise.table.ts';
export * from '../../modules/registry/mine.table.ts';
export * from '../../modules/registry/person.table.ts';
export * from '../../modules/registry/contractor.table.ts';
export * from '../../modules/registry/contractor-staff.table.ts';
export * from '../../modules/access/access.table.ts';
export * from '../audit/audit.table.ts';
export * from '../settings/settings.table.ts';
export * from '../../modules/hazards/hazard.table.ts';
export * from '../escalation/escalation.table.ts';
export * from '../../modules/notifications/notification.table.ts';
export * from '../../modules/monitoring/monitoring.table.ts';
export * from '../../modules/leads/leads.table.ts';
export * from '../../modules/inspections/inspection.table.ts';
export * from '../../modules/plans/plan.table.ts';
export * from '../../modules/accountability/accident.table.ts';
export * from '../../modules/accountability/public-report.table.ts';
