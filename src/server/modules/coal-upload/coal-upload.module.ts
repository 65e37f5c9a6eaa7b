/**
 * @module The coal upload files' manifest (issue 22): the gateways' POST (or MQTT message) of MT/T 1201
 * files, what the mapped files show per mine, and the job that turns 超限 the mine did not report into findings and the
 * 监控造假 rule's evidence, and forwarding the accepted files upward (应联尽联) with its backlog view.
 */
import type { ModuleManifest } from '../module.ts';
import { coalUploadAuditEvents } from './coal-upload.audit.ts';
import { coalFilesTopic } from './coal-upload.mqtt.ts';
import { CoalUploadPermission, coalUploadGrants } from './coal-upload.permissions.ts';
import { registerCoalUploadRoutes } from './coal-upload.routes.ts';
import { coalUploadSettings } from './coal-upload.settings.ts';
import { recordUnreportedOverLimits } from './coal-unreported.job.ts';
import { recordFeedAnomalies } from './coal-feed.job.ts';
import { loadVisiblePoint } from './coal-read.service.ts';
import { forwardCoalFiles, forwardOwner } from './coal-forward.job.ts';
import { loadForwardTarget, loadVisibleFile } from './coal-forward.service.ts';
import { registerCoalForwardRoutes } from './coal-forward.routes.ts';

export const coalUploadModule: ModuleManifest = {
  name: 'coal-upload',
  routes(app, ctx) {
    registerCoalUploadRoutes(app, ctx);
    registerCoalForwardRoutes(app, ctx);
  },
  jobs: ({ deps, config, send }) => {
    const owner = forwardOwner();
    return [
      {
        name: 'coal_upload.unreported',
        description: '本平台判定超限而煤矿逾期未上传异常报警: 记为数据质量问题与监控造假线索证据',
        everySeconds: config.jobsIntervalSeconds,
        run: () => recordUnreportedOverLimits(deps),
      },
      {
        name: 'coal_upload.feed',
        description: '煤矿上报断电后, 其控制的馈电测点逾期仍为有电: 记为馈电异常',
        everySeconds: config.jobsIntervalSeconds,
        run: () => recordFeedAnomalies(deps),
      },
      {
        name: 'coal_upload.forward',
        description:
          '向上级平台或上报目录转发已接收的煤矿文件 (应联尽联): 按文件时间逐矿上报, 失败重试',
        everySeconds: config.monitoringTickSeconds || config.jobsIntervalSeconds,
        run: () => forwardCoalFiles(deps, config.coalForward ?? [], { owner, send }),
      },
    ];
  },
  mqttTopics: (ctx) => [coalFilesTopic(ctx)],
  settings: Object.values(coalUploadSettings),
  auditEvents: coalUploadAuditEvents,
  auditVisibility: (deps) => ({
    coal_point: (p, id) => loadVisiblePoint(deps.db, p, id),
    coal_file: (p, id) => loadVisibleFile(deps.db, p, id),
    coal_forward_target: (p, id) => loadForwardTarget(deps.db, p, id),
  }),
  permissions: { all: CoalUploadPermission, grants: coalUploadGrants },
};
