/**
 * @module Access's manifest: organisations, users, sessions and API tokens.
 */
import type { ModuleManifest } from '../module.ts';
import { requirePermission } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { accessAuditEvents } from './access.audit.ts';
import { AccessPermission, accessGrants } from './access.permissions.ts';
import { registerAccessRoutes } from './access.routes.ts';
import { purgeExpiredSessions } from './access.service.ts';
import { managedUser } from './user-admin.service.ts';
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
  auditVisibility: (deps) => {
    // Accounts: their administrators' history (within jurisdiction); tokens: the system admin's only.
    const systemOnly = (p: Parameters<typeof requirePermission>[0], id: string) => {
      requirePermission(p, AccessPermission.UserManage);
      return p.scope.kind === 'all' ? Promise.resolve() : Promise.reject(notFound('api_token', id));
    };
    return { user: (p, id) => managedUser(deps, p, id), api_token: systemOnly };
  },
  permissions: { all: AccessPermission, grants: accessGrants },
};
