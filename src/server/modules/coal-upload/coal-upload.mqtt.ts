/**
 * @module MQTT adapter of the coal upload files (issue 22 §3c): a gateway publishes one MT/T 1201 file,
 * or a ZIP of them, on `minewatch/<mineId>/coal-files/<file name>` (the name carries the 煤矿编码, type
 * and time, as on disk); the files are taken as a POST's are — each in its own transaction, the same file
 * again stores nothing new — and the report `{ files: [...] }` goes to `minewatch/<mineId>/reports`. The
 * topic's mine bounds the message: a file of another mine's code is refused, even one the same gateway
 * may upload for.
 */
import type { Principal } from '../../platform/auth/scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { ModuleContext } from '../module.ts';
import type { MqttTopic } from '../monitoring/mqtt.ingest.ts';
import { openArchives } from './coal-archive.ts';
import { ingestCoalFiles } from './coal-ingest.service.ts';

export const COAL_FILES_TOPIC = 'coal-files';

function boundTo(principal: Principal, mineId: string): Principal {
  return { ...principal, scope: { kind: 'mines', mineIds: [mineId] } };
}

export function coalFilesTopic(ctx: ModuleContext): MqttTopic {
  return {
    name: COAL_FILES_TOPIC,
    item: true,
    receive: async (principal, mineId, payload, name) => {
      try {
        const files = openArchives([{ name: name ?? '', data: payload }]);
        return {
          files: await ingestCoalFiles(
            ctx.deps,
            ctx.monitoring.engine,
            boundTo(principal, mineId),
            files,
            'mqtt',
          ),
        };
      } catch (e) {
        if (e instanceof AppError) {
          return { error: e.message, details: e.details };
        }
        throw e;
      }
    },
  };
}
