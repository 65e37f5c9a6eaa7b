/** @module Who may read the audit history of enforcement entities: whoever may see the entity itself. */
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { getArrangement } from './cross/cross.service.ts';
import { getDocument } from './documents/document.service.ts';
import { getPenalty } from './penalties/penalty.service.ts';
import { getInspection } from './records/inspection.service.ts';
import { getSchedule } from './schedules/schedule.service.ts';

/** The visibility check of each enforcement entity type in the audit trail. */
export function inspectionsVisibility(deps: ServiceDeps) {
  return {
    // The stored entity type of a schedule keeps its first name (audit rows are hash-chained).
    inspection_plan: (p: Principal, id: string) => getSchedule(deps, p, id),
    inspection: (p: Principal, id: string) => getInspection(deps, p, id),
    penalty: (p: Principal, id: string) => getPenalty(deps, p, id),
    enforcement_document: (p: Principal, id: string) => getDocument(deps, p, id),
    cross_arrangement: (p: Principal, id: string) => getArrangement(deps, p, id),
  };
}
