/**
 * @module The permissions of 隐蔽致灾因素普查 and the roles that hold them (within their jurisdiction;
 * scoping is separate): enterprises file for their own mines, regulators read and review theirs.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const SurveyPermission = {
  /** Surveys and findings of the mines in the caller's jurisdiction, or of its own mines. */
  Read: 'surveys.read',
  /** File a survey and its report for a mine (the enterprise; a regulator may file on its behalf). */
  File: 'surveys.file',
  /** Review a survey: pass it (its grade is set and published) or return it (regulators). */
  Review: 'surveys.review',
} as const;

export const surveysGrants: RoleGrants = {
  regulator_viewer: [SurveyPermission.Read],
  inspector: [SurveyPermission.Read, SurveyPermission.File, SurveyPermission.Review],
  regulator_admin: [SurveyPermission.Read, SurveyPermission.File, SurveyPermission.Review],
  enterprise_admin: [SurveyPermission.Read, SurveyPermission.File],
  safety_officer: [SurveyPermission.Read, SurveyPermission.File],
};
