/**
 * @module The leads' manifest: mine-level series, meters and areas, the multi-factor rules and the
 * lead loop (逐因素分析比对).
 */
import type { ModuleManifest } from '../module.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { leadsAuditEvents } from './leads.audit.ts';
import { LeadPermission, leadsGrants } from './leads.permissions.ts';
import { leadsSettings } from './leads.settings.ts';
import { leadsVisibility, registerLeadRoutes } from './leads.routes.ts';
import { rollupMonitoring } from './series.rollup.ts';
import { evaluateLeadsIfDue } from './lead.detect.ts';

export const leadsModule: ModuleManifest = {
  name: 'leads',
  routes(app, { deps }) {
    registerLeadRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'leads.rollupMonitoring',
      description: '把监测数据汇总为矿山小时序列',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ seriesRows: await rollupMonitoring(deps) }),
    },
    {
      name: 'leads.evaluate',
      description: '逐因素分析比对 (到期时评估全部矿山)',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => {
        const rules = await getSetting(deps.db, leadsSettings.rules);
        const r = await evaluateLeadsIfDue(deps, rules.everyMinutes);
        return { ...(r ?? { mines: 0, findings: 0, opened: 0, extended: 0 }) };
      },
    },
  ],
  settings: Object.values(leadsSettings),
  auditEvents: leadsAuditEvents,
  auditVisibility: leadsVisibility,
  permissions: { all: LeadPermission, grants: leadsGrants },
};
