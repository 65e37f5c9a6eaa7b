/**
 * @module Access's manifest: organisations, users, sessions and API tokens.
 */
import type { ModuleManifest } from '../module.ts';
import { requirePermission } from '../../platform/context.ts';
import { accessAuditEvents } from './access.audit.ts';
import { AccessPermission, accessGrants } from './access.permissions.ts';
import { registerAccessRoutes } from './access.routes.ts';
import { purgeExpiredSessions } from './access.service.ts';

export const accessModule: ModuleManifest = {
  name: 'access',
  routes(app, { deps, config }) {
    registerAccessRoutes(app, deps, { cookieSecure: config.cookieSecure });
  },
  jobs: ({ deps, config }) => [
    {
      name: 'access.purgeSessions',
      description: '清除过期会话',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({ purged: await purgeExpiredSessions(deps) }),
    },
  ],
  auditEvents: accessAuditEvents,
  auditVisibility: () => {
    // Accounts and tokens: the system admin's history only.
    const systemOnly = (p: Parameters<typeof requirePermission>[0]) =>
      Promise.resolve(requirePermission(p, AccessPermission.UserManage));
    return { user: systemOnly, api_token: systemOnly };
  },
  permissions: { all: AccessPermission, grants: accessGrants },
};
