/**
 * @module Surveys' manifest (隐蔽致灾因素普查, issue 25 §1): surveys with their factors and zones, the
 * disaster grade by "就高不就低" set on review and published, and the mines without a survey in date on
 * the escalation ladder.
 */
import type { ModuleManifest } from '../module.ts';
import { escalateMissingSurveys } from './survey.escalation.ts';
import { registerSurveyRoutes, surveysVisibility } from './survey.routes.ts';
import { surveysAuditEvents } from './surveys.audit.ts';
import { SurveyPermission, surveysGrants } from './surveys.permissions.ts';
import { surveysSettings } from './surveys.settings.ts';

export const surveysModule: ModuleManifest = {
  name: 'surveys',
  routes(app, { deps }) {
    registerSurveyRoutes(app, deps);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'surveys.escalateMissingSurveys',
      description: '未普查或普查过期的矿山逐级升级',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ escalated: await escalateMissingSurveys(deps) }),
    },
  ],
  settings: Object.values(surveysSettings),
  auditEvents: surveysAuditEvents,
  auditVisibility: surveysVisibility,
  permissions: { all: SurveyPermission, grants: surveysGrants },
};
