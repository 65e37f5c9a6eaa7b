/**
 * @module The leads' manifest: mine-level series, meters and areas, the multi-factor rules and the
 * lead loop (逐因素分析比对).
 */
import type { JobCounts, ModuleManifest } from '../module.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { leadsAuditEvents } from './leads.audit.ts';
import { LeadPermission, leadsGrants } from './leads.permissions.ts';
import { leadsSettings } from './leads.settings.ts';
import { leadsVisibility, registerLeadRoutes } from './leads.routes.ts';
import { rollupMonitoring } from './series.rollup.ts';
import { describeOutsideRange, evaluateLeadsIfDue } from './lead.detect.ts';

export const leadsModule: ModuleManifest = {
  name: 'leads',
  routes(app, { deps }) {
    registerLeadRoutes(app, deps);
  },
  jobs: ({ deps, config, log }) => [
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
      run: async (): Promise<JobCounts> => {
        const rules = await getSetting(deps.db, leadsSettings.rules);
        const r = await evaluateLeadsIfDue(deps, rules.everyMinutes);
        if (!r) {
          return { mines: 0, findings: 0, opened: 0, extended: 0 };
        }
        // History before the job's range is not looked at here: it says so, by name, in the log.
        for (const o of r.outsideRange) {
          log(describeOutsideRange(o, r.from));
        }
        const skipped = r.outsideRange.filter((o) => !o.evaluatedOnImport);
        return {
          mines: r.mines,
          findings: r.findings,
          opened: r.opened,
          extended: r.extended,
          outsideRangeRows: r.outsideRange.reduce((n, o) => n + o.rows, 0),
          notEvaluatedRows: skipped.reduce((n, o) => n + o.rows, 0),
          notEvaluatedMines: new Set(skipped.map((o) => o.mineId)).size,
        };
      },
    },
  ],
  settings: Object.values(leadsSettings),
  auditEvents: leadsAuditEvents,
  auditVisibility: leadsVisibility,
  permissions: { all: LeadPermission, grants: leadsGrants },
};
