/** @module Who may read the audit history of enforcement entities: whoever may see the entity itself. */
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { getDocument } from './document.service.ts';
import { getInspection } from './inspection.service.ts';
import { getPenalty } from './penalty.service.ts';
import { getPlan } from './plan.service.ts';

export function inspectionsVisibility(deps: ServiceDeps) {
  return {
    inspection_plan: (p: Principal, id: string) => getPlan(deps, p, id),
    inspection: (p: Principal, id: string) => getInspection(deps, p, id),
    penalty: (p: Principal, id: string) => getPenalty(deps, p, id),
    enforcement_document: (p: Principal, id: string) => getDocument(deps, p, id),
  };
}
