/**
 * @module The registry's manifest: regions, enterprises, mines and licences, people, contractors and
 * their 项目部 staff.
 */
import type { ModuleManifest } from '../module.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { registryAuditEvents } from './registry.audit.ts';
import { RegistryPermission, registryGrants } from './registry.permissions.ts';
import { registrySettings } from './registry.settings.ts';
import { registerRegionRoutes } from './region.routes.ts';
import { registerEnterpriseRoutes } from './enterprise.routes.ts';
import { registerMineRoutes } from './mine.routes.ts';
import { registerPersonRoutes } from './person.routes.ts';
import { registerContractorRoutes } from './contractor.routes.ts';
import { registerContractorStaffRoutes } from './contractor-staff.routes.ts';
import { loadVisibleEnterprise } from './enterprise.service.ts';
import { getLicenceVisible, loadVisibleMine } from './mine.service.ts';
import { getPerson } from './person.service.ts';
import { getContractor } from './contractor.service.ts';
import { getContractorStaff } from './contractor-staff.service.ts';
import { recomputeTailingsGrades } from './mine.write.ts';

export const registryModule: ModuleManifest = {
  name: 'registry',
  routes(app, { deps }) {
    registerRegionRoutes(app, deps);
    registerEnterpriseRoutes(app, deps);
    registerMineRoutes(app, deps);
    registerPersonRoutes(app, deps);
    registerContractorRoutes(app, deps);
    registerContractorStaffRoutes(app, deps);
  },
  settings: Object.values(registrySettings),
  settingFollowUps: {
    // A new grading table re-grades every pond in the same transaction.
    [registrySettings.tailingsGradeTable.key]: async (tx) =>
      recomputeTailingsGrades(tx, await getSetting(tx, registrySettings.tailingsGradeTable)),
  },
  auditEvents: registryAuditEvents,
  auditVisibility: (deps) => ({
    enterprise: (p, id) => loadVisibleEnterprise(deps.db, p, id),
    mine: (p, id) => loadVisibleMine(deps.db, p, id),
    licence: (p, id) => getLicenceVisible(deps, p, id),
    person: (p, id) => getPerson(deps, p, id),
    contractor: (p, id) => getContractor(deps, p, id),
    contractor_staff: (p, id) => getContractorStaff(deps, p, id),
  }),
  permissions: { all: RegistryPermission, grants: registryGrants },
};
