/**
 * @module The coal upload files' manifest (issue 22): the gateways' POST (or MQTT message) of MT/T 1201 files, what the
 * mapped files show per mine, and the job that turns 超限 the mine did not report into findings and the
 * 监控造假 rule's evidence.
 */
import type { ModuleManifest } from '../module.ts';
import { coalUploadAuditEvents } from './coal-upload.audit.ts';
import { coalFilesTopic } from './coal-upload.mqtt.ts';
import { CoalUploadPermission, coalUploadGrants } from './coal-upload.permissions.ts';
import { registerCoalUploadRoutes } from './coal-upload.routes.ts';
import { coalUploadSettings } from './coal-upload.settings.ts';
import { recordUnreportedOverLimits } from './coal-unreported.job.ts';
import { loadVisiblePoint } from './coal-read.service.ts';

export const coalUploadModule: ModuleManifest = {
  name: 'coal-upload',
  routes(app, ctx) {
    registerCoalUploadRoutes(app, ctx);
  },
  mqttTopics: (ctx) => [coalFilesTopic(ctx)],
  jobs: ({ deps, config }) => [
    {
      name: 'coal_upload.unreported',
      description: '本平台判定超限而煤矿逾期未上传异常报警: 记为数据质量问题与监控造假线索证据',
      everySeconds: config.jobsIntervalSeconds,
      run: () => recordUnreportedOverLimits(deps),
    },
  ],
  settings: Object.values(coalUploadSettings),
  auditEvents: coalUploadAuditEvents,
  auditVisibility: (deps) => ({
    coal_point: (p, id) => loadVisiblePoint(deps.db, p, id),
  }),
  permissions: { all: CoalUploadPermission, grants: coalUploadGrants },
};
