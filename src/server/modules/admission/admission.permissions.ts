/**
 * @module The permissions of 安全准入与分类处置 and the roles that hold them (within their jurisdiction;
 * scoping is separate): regulators keep the 三个一批 lists and decide the workflow's steps; an enterprise
 * reads its own mines and applies for them.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const AdmissionPermission = {
  /** Lists, applications and findings of the mines in the caller's jurisdiction, or of its own mines. */
  Read: 'admission.read',
  /** Put a mine on a 三个一批 list and record its progress (regulators). */
  List: 'admission.list',
  /** Apply for 安全设施设计审查 and 安全生产许可 for a mine (the enterprise, or a regulator for it). */
  Apply: 'admission.apply',
  /** Decide a step: 设计审查, 延期, 现场核查, 发证 (regulators). */
  Decide: 'admission.decide',
} as const;

const P = AdmissionPermission;
export const admissionGrants: RoleGrants = {
  regulator_viewer: [P.Read],
  inspector: [P.Read, P.List, P.Apply, P.Decide],
  regulator_admin: [P.Read, P.List, P.Apply, P.Decide],
  enterprise_admin: [P.Read, P.Apply],
  safety_officer: [P.Read, P.Apply],
};
