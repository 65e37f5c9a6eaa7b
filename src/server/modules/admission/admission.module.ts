/**
 * @module Admission's manifest (安全准入与分类处置, issue 25 §5): the 三个一批 lists with their overdue entries
 * on the escalation ladder, the 安全设施设计审查 → 安全生产许可 workflow, the minimum-scale list and the
 * mining-method findings.
 */
import type { ModuleManifest } from '../module.ts';
import { admissionAuditEvents } from './admission.audit.ts';
import { escalateOverdueDisposals } from './admission.escalation.ts';
import { AdmissionPermission, admissionGrants } from './admission.permissions.ts';
import { admissionVisibility, registerAdmissionRoutes } from './admission.routes.ts';
import { admissionSettings } from './admission.settings.ts';

export const admissionModule: ModuleManifest = {
  name: 'admission',
  routes(app, { deps }) {
    registerAdmissionRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'admission.escalateOverdueDisposals',
      description: '三个一批逾期未完成的处置事项逐级升级',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ escalated: await escalateOverdueDisposals(deps) }),
    },
  ],
  settings: Object.values(admissionSettings),
  auditEvents: admissionAuditEvents,
  auditVisibility: admissionVisibility,
  permissions: { all: AdmissionPermission, grants: admissionGrants },
};
