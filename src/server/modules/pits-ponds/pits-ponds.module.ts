/**
 * @module Open pits, dumps and tailings ponds' manifest (issue 25 §2): slope analyses, 排洪构筑物 tests,
 * 汛前/汛后 checks, 头顶库 drills and broadcast, radar online at 200 m, and a pond's 闭库 to 公告销号;
 * the missing, late and offline on the escalation ladder.
 */
import type { ModuleManifest } from '../module.ts';
import { escalatePitPondFindings } from './pit-pond.escalation.ts';
import { pitsPondsVisibility, registerPitPondRoutes } from './pit-pond.routes.ts';
import { pitsPondsAuditEvents } from './pits-ponds.audit.ts';
import { PitPondPermission, pitsPondsGrants } from './pits-ponds.permissions.ts';
import { pitsPondsSettings } from './pits-ponds.settings.ts';

export const pitsPondsModule: ModuleManifest = {
  name: 'pits-ponds',
  routes(app, { deps }) {
    registerPitPondRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'pitsPonds.escalateFindings',
      description: '边坡、尾矿库记录逾期、雷达未在线、闭库逾期的矿山逐级升级',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ escalated: await escalatePitPondFindings(deps) }),
    },
  ],
  settings: Object.values(pitsPondsSettings),
  auditEvents: pitsPondsAuditEvents,
  auditVisibility: pitsPondsVisibility,
  permissions: { all: PitPondPermission, grants: pitsPondsGrants },
};
