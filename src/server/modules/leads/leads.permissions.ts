/**
 * @module The permissions of the multi-factor leads and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const LeadPermission = {
  /** Leads and the mine-level series behind them (regulators only: a lead must not tip the mine off). */
  Read: 'leads.read',
  /** Assign a lead to an inspector. */
  Assign: 'leads.assign',
  /** Record the on-site result, convert or dismiss a lead. */
  Handle: 'leads.handle',
  /** Meters, registered areas and imports of mine-level series. */
  SeriesWrite: 'leads.series.write',
} as const;

/** Which roles hold which of these permissions. */
export const leadsGrants: RoleGrants = {
  regulator_viewer: [LeadPermission.Read],
  inspector: [LeadPermission.Read, LeadPermission.Handle],
  regulator_admin: [
    LeadPermission.Read,
    LeadPermission.Assign,
    LeadPermission.Handle,
    LeadPermission.SeriesWrite,
  ],
};
