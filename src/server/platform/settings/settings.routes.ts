/**
 * @module HTTP adapter for editable rule parameters.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceDeps } from '../context.ts';
import { principalOf } from '../http/auth.http.ts';
import { responses } from '../http/route-helpers.ts';
import { changeSetting, listSettings, type SettingsCatalogue } from './settings.service.ts';
import { PlatformPermission } from '../auth/permissions.ts';
import { RegistryPermission } from '../../modules/registry/registry.permissions.ts';

const SettingResponse = z.object({
  key: z.string(),
  description: z.string(),
  value: z.unknown(),
  source: z.string(),
  verified: z.boolean(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});

export function registerSettingsRoutes(
  app: FastifyInstance,
  deps: ServiceDeps,
  catalogue: SettingsCatalogue,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/settings',
    {
      config: { permission: RegistryPermission.Read },
      schema: {
        tags: ['settings'],
        summary: '规则参数 (含来源与是否已核实)',
        response: responses(z.array(SettingResponse)),
      },
    },
    () => listSettings(deps.db, catalogue),
  );
  r.put(
    '/api/settings/:key',
    {
      config: { permission: PlatformPermission.SettingsManage },
      schema: {
        tags: ['settings'],
        summary: '修改规则参数 (系统管理员)',
        params: z.strictObject({ key: z.string().max(100) }),
        body: z.strictObject({
          value: z.unknown(),
          source: z.string().trim().min(1).max(500),
          verified: z.boolean(),
        }),
        response: responses(z.array(SettingResponse)),
      },
    },
    async (req) => {
      await changeSetting(deps, principalOf(req), req.params.key, req.body, catalogue);
      return listSettings(deps.db, catalogue);
    },
  );
}
