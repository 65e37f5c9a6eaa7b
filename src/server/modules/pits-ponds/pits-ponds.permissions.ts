/**
 * @module The permissions of open pits, dumps and tailings ponds and the roles that hold them (within
 * their jurisdiction; scoping is separate): enterprises file records and the 闭库 steps for their own
 * mines, regulators read theirs and announce the 销号 (拉萨 二(六)3: 由县级以上地方政府公告销号).
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const PitPondPermission = {
  /** Records, findings and 闭库 of the mines in the caller's jurisdiction, or of its own mines. */
  Read: 'pitsPonds.read',
  /** File a record, open a 闭库 and file its 设计, 施工 and 验收 (a regulator may file on its behalf). */
  File: 'pitsPonds.file',
  /** Announce a closed pond's 销号 (公告销号; regulators). */
  Delist: 'pitsPonds.delist',
} as const;

export const pitsPondsGrants: RoleGrants = {
  regulator_viewer: [PitPondPermission.Read],
  inspector: [PitPondPermission.Read, PitPondPermission.File, PitPondPermission.Delist],
  regulator_admin: [PitPondPermission.Read, PitPondPermission.File, PitPondPermission.Delist],
  enterprise_admin: [PitPondPermission.Read, PitPondPermission.File],
  safety_officer: [PitPondPermission.Read, PitPondPermission.File],
};
