/**
 * @module The permissions of the registry and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const RegistryPermission = {
  Read: 'registry.read',
  EnterpriseWrite: 'registry.enterprise.write',
  MineCreate: 'registry.mine.create',
  MineUpdate: 'registry.mine.update',
  MineStatusChange: 'registry.mine.status',
  MineArchive: 'registry.mine.archive',
  LicenceManage: 'registry.licence.manage',
  PersonManage: 'registry.person.manage',
  ContractorManage: 'registry.contractor.manage',
  Import: 'registry.import',
} as const;

/** Which roles hold which of these permissions. */
export const registryGrants: RoleGrants = {
  regulator_viewer: [RegistryPermission.Read],
  inspector: [RegistryPermission.Read, RegistryPermission.MineStatusChange],
  regulator_admin: [
    RegistryPermission.Read,
    RegistryPermission.EnterpriseWrite,
    RegistryPermission.MineCreate,
    RegistryPermission.MineUpdate,
    RegistryPermission.MineStatusChange,
    RegistryPermission.MineArchive,
    RegistryPermission.LicenceManage,
    RegistryPermission.PersonManage,
    RegistryPermission.ContractorManage,
    RegistryPermission.Import,
  ],
  enterprise_admin: [
    RegistryPermission.Read,
    RegistryPermission.MineUpdate,
    RegistryPermission.PersonManage,
    RegistryPermission.ContractorManage,
  ],
  safety_officer: [
    RegistryPermission.Read,
    RegistryPermission.PersonManage,
    RegistryPermission.ContractorManage,
  ],
  mine_duty_officer: [RegistryPermission.Read],
};
