/**
 * @module The regulators' warnings manifest (issue 24): warnings and 严禁入井 / 停产撤人 orders issued to the mines
 * of a region, each mine called through the 叫应 loop, its acknowledgement and response.
 */
import type { ModuleManifest } from '../module.ts';
import { runDueWarningCalls } from './warning.calls.ts';
import { registerWarningRoutes } from './warning.routes.ts';
import { warningsVisibility } from './warning.service.ts';
import { warningsAuditEvents } from './warnings.audit.ts';
import { WarningPermission, warningGrants } from './warnings.permissions.ts';
import { warningsSettings } from './warnings.settings.ts';

export const warningsModule: ModuleManifest = {
  name: 'warnings',
  routes(app, ctx) {
    registerWarningRoutes(app, ctx);
  },
  jobs: ({ deps, config }) => [
    {
      name: 'warnings.runDueCalls',
      description: '监管预警逐矿叫应: 重复提醒, 超时未确认升级至下一步骤',
      // A 叫应 timer: on the monitoring tick, as alarms' calls are.
      everySeconds: config.monitoringTickSeconds,
      run: () =>
        runDueWarningCalls(deps, {
          publicUrl: config.publicUrl,
          smtp: config.email !== undefined,
        }),
    },
  ],
  settings: Object.values(warningsSettings),
  auditEvents: warningsAuditEvents,
  auditVisibility: warningsVisibility,
  permissions: { all: WarningPermission, grants: warningGrants },
};
