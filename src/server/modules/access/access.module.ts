/**
 * @module Access's manifest: organisations, users, sessions and API tokens.
 */
import type { ModuleManifest } from '../module.ts';
import { requirePermission } from '../../platform/context.ts';
import { accessAuditEvents } from './access.audit.ts';
import { AccessPermission, accessGrants } from './access.permissions.ts';
import { registerAccessRoutes } from './access.routes.ts';
import { purgeExpiredSessions } from './access.service.ts';
import { purgeLoginBackoff } from './login.throttle.ts';
import { purgeHitsBefore, THROTTLE_WINDOW_MAX_MS } from '../../platform/throttle/throttle.ts';

export const accessModule: ModuleManifest = {
  name: 'access',
  routes(app, { deps, config }) {
    registerAccessRoutes(app, deps, { cookieSecure: config.cookieSecure });
  },
  jobs: ({ deps, config }) => [
    {
      name: 'access.purgeSessions',
      description: '清除过期会话和过期的限流记录',
      everySeconds: config.jobsIntervalSeconds,
      run: async () => ({
        purged: await purgeExpiredSessions(deps),
        backoff: await purgeLoginBackoff(deps),
        // Every limit's window has passed for these (login, 举报 look-ups).
        throttleHits: await purgeHitsBefore(
          deps.db,
          new Date(deps.clock().getTime() - THROTTLE_WINDOW_MAX_MS),
        ),
      }),
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
