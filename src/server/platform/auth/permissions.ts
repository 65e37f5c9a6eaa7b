/**
 * @module Roles, permissions and the role → permission table. Each route and each use case names the
 * permission it needs; nothing is granted by default.
 */

export const Role = {
  RegulatorViewer: 'regulator_viewer',
  Inspector: 'inspector',
  RegulatorAdmin: 'regulator_admin',
  EnterpriseAdmin: 'enterprise_admin',
  SafetyOfficer: 'safety_officer',
  MineDutyOfficer: 'mine_duty_officer',
  SystemAdmin: 'system_admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles = Object.values(Role) as [Role, ...Role[]];

export const Permission = {
  RegistryRead: 'registry.read',
  EnterpriseWrite: 'registry.enterprise.write',
  MineCreate: 'registry.mine.create',
  MineUpdate: 'registry.mine.update',
  MineStatusChange: 'registry.mine.status',
  MineArchive: 'registry.mine.archive',
  LicenceManage: 'registry.licence.manage',
  PersonManage: 'registry.person.manage',
  ContractorManage: 'registry.contractor.manage',
  RegistryImport: 'registry.import',
  AuditRead: 'audit.read',
  UserManage: 'access.user.manage',
  GatewayTokenManage: 'access.gateway_token.manage',
  SettingsManage: 'settings.manage',
  MonitoringIngest: 'monitoring.ingest',
  HazardRead: 'hazards.read',
  HazardReport: 'hazards.report',
  HazardRectify: 'hazards.rectify',
  HazardAccept: 'hazards.accept',
  HazardSupervise: 'hazards.supervise',
  CatalogueManage: 'hazards.catalogue.manage',
  MonitoringRead: 'monitoring.read',
  /** Facilities, sensors, thresholds and maintenance windows. */
  MonitoringManage: 'monitoring.manage',
  /** 叫应 acknowledgement, 回应, 响应 and closing alarms. */
  AlarmHandle: 'monitoring.alarm.handle',
  /** Leads and the mine-level series behind them (regulators only: a lead must not tip the mine off). */
  LeadRead: 'leads.read',
  /** Assign a lead to an inspector. */
  LeadAssign: 'leads.assign',
  /** Record the on-site result, convert or dismiss a lead. */
  LeadHandle: 'leads.handle',
  /** Meters, registered areas and imports of mine-level series. */
  SeriesWrite: 'leads.series.write',
  /** Risk classes, inspection plans and records (执法, regulators only). */
  InspectionRead: 'inspections.read',
  /** Record inspections, findings, on-site orders and rechecks; write and sign enforcement documents. */
  InspectionWrite: 'inspections.write',
  /** Store the unit's yearly inspection plan. */
  InspectionPlan: 'inspections.plan',
  /** Decide administrative penalties and record their payment. */
  PenaltyDecide: 'inspections.penalty',
  /** The enterprise's copy of enforcement documents issued to its mines (已签发 only). */
  EnforcementReceive: 'inspections.receive',
  /** Plans (攻坚清单) and their tasks: read (regulators). */
  WorkPlanRead: 'plans.read',
  /** Create plans and tasks, import the 任务分解表 (the unit that owns the plan). */
  WorkPlanManage: 'plans.manage',
  /** Report progress on a task the caller's unit leads or supports. */
  WorkTaskReport: 'plans.report',
  /** Accidents of the mines in the caller's jurisdiction (regulators) or of its own mines (enterprises). */
  AccidentRead: 'accidents.read',
  /** File an accident report (the mine, or a regulator told by phone). */
  AccidentReport: 'accidents.report',
  /** Record reports up the chain and the 约谈 (regulators). */
  AccidentManage: 'accidents.manage',
  /** 举报 cases of the caller's jurisdiction (regulators; the reporter's identity only for the handling unit's admins). */
  PublicReportRead: 'public_reports.read',
  /** Take a 举报 case through 受理、核实、办理、反馈 (the handling unit). */
  PublicReportHandle: 'public_reports.handle',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;
const readerBase: Permission[] = [
  P.RegistryRead,
  P.AuditRead,
  P.HazardRead,
  P.MonitoringRead,
  P.AccidentRead,
];

/** What each role may do (within its jurisdiction; scoping is separate, see scope.ts). */
export const permissionsByRole: Record<Role, readonly Permission[]> = {
  regulator_viewer: [
    ...readerBase,
    P.LeadRead,
    P.InspectionRead,
    P.WorkPlanRead,
    P.PublicReportRead,
  ],
  inspector: [
    ...readerBase,
    P.MineStatusChange,
    P.HazardReport,
    P.HazardAccept,
    P.AlarmHandle,
    P.LeadRead,
    P.LeadHandle,
    P.InspectionRead,
    P.InspectionWrite,
    P.WorkPlanRead,
    P.WorkTaskReport,
    P.AccidentReport,
    P.AccidentManage,
    P.PublicReportRead,
    P.PublicReportHandle,
  ],
  regulator_admin: [
    ...readerBase,
    P.EnterpriseWrite,
    P.MineCreate,
    P.MineUpdate,
    P.MineStatusChange,
    P.MineArchive,
    P.LicenceManage,
    P.PersonManage,
    P.ContractorManage,
    P.RegistryImport,
    P.GatewayTokenManage,
    P.HazardReport,
    P.HazardRectify,
    P.HazardAccept,
    P.HazardSupervise,
    P.MonitoringManage,
    P.AlarmHandle,
    P.LeadRead,
    P.LeadAssign,
    P.LeadHandle,
    P.SeriesWrite,
    P.InspectionRead,
    P.InspectionWrite,
    P.InspectionPlan,
    P.PenaltyDecide,
    P.WorkPlanRead,
    P.WorkPlanManage,
    P.WorkTaskReport,
    P.AccidentReport,
    P.AccidentManage,
    P.PublicReportRead,
    P.PublicReportHandle,
  ],
  enterprise_admin: [
    ...readerBase,
    P.EnforcementReceive,
    P.MineUpdate,
    P.PersonManage,
    P.ContractorManage,
    P.GatewayTokenManage,
    P.HazardReport,
    P.HazardRectify,
    P.MonitoringManage,
    P.AlarmHandle,
    P.AccidentReport,
  ],
  safety_officer: [
    ...readerBase,
    P.EnforcementReceive,
    P.PersonManage,
    P.ContractorManage,
    P.HazardReport,
    P.HazardRectify,
    P.MonitoringManage,
    P.AlarmHandle,
    P.AccidentReport,
  ],
  mine_duty_officer: [P.RegistryRead, P.HazardRead, P.MonitoringRead, P.AlarmHandle],
  system_admin: Object.values(P).filter((p) => p !== P.MonitoringIngest),
};

/** A gateway token may only push monitoring data, and only for the mines it names. */
export const gatewayPermissions: readonly Permission[] = [P.MonitoringIngest];

/** Which organisation kinds a role belongs to. */
export const organisationKindByRole: Record<Role, 'regulator' | 'enterprise' | 'system'> = {
  regulator_viewer: 'regulator',
  inspector: 'regulator',
  regulator_admin: 'regulator',
  enterprise_admin: 'enterprise',
  safety_officer: 'enterprise',
  mine_duty_officer: 'enterprise',
  system_admin: 'system',
};
