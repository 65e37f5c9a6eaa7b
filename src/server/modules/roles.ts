/**
 * @module The role table: what each role may do, joined from every module's grants (within the role's
 * jurisdiction; scoping is separate, see platform/auth/scope.ts). A new module adds its grants here.
 */
import {
  platformGrants,
  PlatformPermission,
  type Permission,
  type Role,
  type RoleGrants,
} from '../platform/auth/permissions.ts';
import { AccessPermission, accessGrants } from './access/access.permissions.ts';
import {
  AccountabilityPermission,
  accountabilityGrants,
} from './accountability/accountability.permissions.ts';
import { HazardPermission, hazardsGrants } from './hazards/hazards.permissions.ts';
import { InspectionPermission, inspectionsGrants } from './inspections/inspections.permissions.ts';
import { LeadPermission, leadsGrants } from './leads/leads.permissions.ts';
import { MonitoringPermission, monitoringGrants } from './monitoring/monitoring.permissions.ts';
import {
  ActionPlanPermission,
  actionPlansGrants,
} from './action-plans/action-plans.permissions.ts';
import { RegistryPermission, registryGrants } from './registry/registry.permissions.ts';
import { SurveyPermission, surveysGrants } from './surveys/surveys.permissions.ts';
import { PitPondPermission, pitsPondsGrants } from './pits-ponds/pits-ponds.permissions.ts';
import { EmergencyPermission, emergencyGrants } from './emergency/emergency.permissions.ts';
import { AdmissionPermission, admissionGrants } from './admission/admission.permissions.ts';
import { StoppedPermission, stoppedGrants } from './stopped/stopped.permissions.ts';
import { CoalUploadPermission, coalUploadGrants } from './coal-upload/coal-upload.permissions.ts';
import { WarningPermission, warningGrants } from './warnings/warnings.permissions.ts';
import { DutyPermission, dutyGrants } from './duty/duty.permissions.ts';

const modules: { permissions: Record<string, Permission>; grants: RoleGrants }[] = [
  { permissions: PlatformPermission, grants: platformGrants },
  { permissions: AccessPermission, grants: accessGrants },
  { permissions: RegistryPermission, grants: registryGrants },
  { permissions: HazardPermission, grants: hazardsGrants },
  { permissions: MonitoringPermission, grants: monitoringGrants },
  { permissions: LeadPermission, grants: leadsGrants },
  { permissions: InspectionPermission, grants: inspectionsGrants },
  { permissions: ActionPlanPermission, grants: actionPlansGrants },
  { permissions: AccountabilityPermission, grants: accountabilityGrants },
  { permissions: SurveyPermission, grants: surveysGrants },
  { permissions: PitPondPermission, grants: pitsPondsGrants },
  { permissions: EmergencyPermission, grants: emergencyGrants },
  { permissions: AdmissionPermission, grants: admissionGrants },
  { permissions: StoppedPermission, grants: stoppedGrants },
  { permissions: CoalUploadPermission, grants: coalUploadGrants },
  { permissions: WarningPermission, grants: warningGrants },
  { permissions: DutyPermission, grants: dutyGrants },
];

/**
 * A gateway token may only push monitoring data (readings, and the mines' MT/T 1201 files), and only for
 * the mines it names.
 */
export const gatewayPermissions: readonly Permission[] = [
  MonitoringPermission.Ingest,
  CoalUploadPermission.Upload,
];

/** Every permission any module declares. */
export const allPermissions: readonly Permission[] = modules.flatMap((m) =>
  Object.values(m.permissions),
);

/** What each role may do: its grants in every module; the system admin everything but a gateway's. */
export const permissionsByRole: Record<Role, readonly Permission[]> = {
  regulator_viewer: modules.flatMap((m) => m.grants.regulator_viewer ?? []),
  inspector: modules.flatMap((m) => m.grants.inspector ?? []),
  regulator_admin: modules.flatMap((m) => m.grants.regulator_admin ?? []),
  enterprise_admin: modules.flatMap((m) => m.grants.enterprise_admin ?? []),
  safety_officer: modules.flatMap((m) => m.grants.safety_officer ?? []),
  mine_duty_officer: modules.flatMap((m) => m.grants.mine_duty_officer ?? []),
  system_admin: allPermissions.filter((p) => !gatewayPermissions.includes(p)),
};
