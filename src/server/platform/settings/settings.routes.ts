/**
 * @module HTTP adapter for editable rule parameters.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SettingUpdateInput } from '../../../shared/platform.schemas.ts';
import { platformApi } from '../../../shared/platform.api.ts';
import type { ServiceDeps } from '../context.ts';
import { principalOf } from '../http/auth.http.ts';
import { responses } from '../http/route-helpers.ts';
import {
  changeSetting,
  listSettings,
  readSettings,
  type SettingsCatalogue,
} from './settings.service.ts';
import { PlatformPermission } from '../auth/permissions.ts';

export function registerSettingsRoutes(
  app: FastifyInstance,
  deps: ServiceDeps,
  catalogue: SettingsCatalogue,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    platformApi.settings.path,
    {
      config: { permission: PlatformPermission.SettingsRead },
      schema: {
        tags: ['settings'],
        summary: '规则参数 (含来源与是否已核实; 仅监管部门)',
        response: responses(platformApi.settings.response, platformApi.settings.status),
      },
    },
    (req) => readSettings(deps, principalOf(req), catalogue),
  );
  r.put(
    platformApi.changeSetting.path,
    {
      config: { permission: PlatformPermission.SettingsManage },
      schema: {
        tags: ['settings'],
        summary: '修改规则参数 (系统管理员)',
        params: z.strictObject({ key: z.string().max(100) }),
        body: SettingUpdateInput,
        response: responses(platformApi.changeSetting.response, platformApi.changeSetting.status),
      },
    },
    async (req) => {
      await changeSetting(deps, principalOf(req), req.params.key, req.body, catalogue);
      return listSettings(deps.db, catalogue);
    },
  );
}
