/**
 * @module What the monitoring benchmarks share: sensors registered in bulk under bench mines, an
 * enterprise owner with a gateway token for those mines (and a duty officer, so calls reach someone),
 * and the HTTP app with the monitoring runtime listening on a free port.
 */
import type { FastifyInstance } from 'fastify';
import { inArray } from 'drizzle-orm';
import { buildApp } from '../../src/server/app.ts';
import {
  createOrganisation,
  createToken,
  createUser,
} from '../../src/server/modules/access/access.service.ts';
import { findUserWithOrg } from '../../src/server/modules/access/access.repository.ts';
import { systemPrincipal, userPrincipal } from '../../src/server/modules/access/principal.ts';
import {
  monitoringFacilities,
  monitoringSensors,
} from '../../src/server/modules/monitoring/monitoring.table.ts';
import type { ModuleContext } from '../../src/server/modules/module.ts';
import { createModuleContext, type ContextConfig } from '../../src/server/composition.ts';
import { mines } from '../../src/server/modules/registry/mine.table.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { createEventChannel } from '../../src/server/platform/events.ts';
import { useAuditKey } from '../../src/server/platform/audit/audit.key.ts';
import type { Database } from '../../src/server/platform/db/client.ts';
import type { SensorSpec } from '../../src/shared/monitoring.schemas.ts';

export interface BenchSensors {
  deps: ServiceDeps;
  mineIds: string[];
  /** A gateway token for every bench mine. */
  token: string;
}

/**
 * Registers `perMine` sensors (codes S0…) with `spec` under each of the first `mineCount` mines of
 * one enterprise, plus its owner, a duty officer at the first mine, and a gateway token.
 */
export async function registerBenchSensors(
  database: Database,
  opts: { mineCount: number; perMine: number; spec: SensorSpec; quantity: string; unit: string },
): Promise<BenchSensors> {
  const db = database.db;
  const [first] = await db.select({ enterpriseId: mines.enterpriseId }).from(mines).limit(1);
  const enterpriseId = first?.enterpriseId ?? '';
  await db
    .update(mines)
    .set({ enterpriseId })
    .where(inArray(mines.id, db.select({ id: mines.id }).from(mines).limit(opts.mineCount)));
  const chosen = await db.select({ id: mines.id }).from(mines).limit(opts.mineCount);
  const at = new Date();
  for (const m of chosen) {
    const [facility] = await db
      .insert(monitoringFacilities)
      .values({ mineId: m.id, code: 'BENCH', name: '基准测试区', kind: '井下区域', createdAt: at })
      .returning();
    for (let i = 0; i < opts.perMine; i += 5000) {
      await db.insert(monitoringSensors).values(
        Array.from({ length: Math.min(5000, opts.perMine - i) }, (_, j) => ({
          mineId: m.id,
          facilityId: facility?.id ?? '',
          code: `S${i + j}`,
          name: `S${i + j}`,
          quantity: opts.quantity,
          item: opts.quantity,
          unit: opts.unit,
          spec: opts.spec,
          createdAt: at,
          updatedAt: at,
        })),
      );
    }
  }
  const deps: ServiceDeps = {
    db,
    clock: () => new Date(),
    secret: Buffer.alloc(32, 1),
    events: createEventChannel(),
  };
  useAuditKey(deps.secret);
  const admin = systemPrincipal('bench');
  const org = await createOrganisation(deps, admin, {
    name: '基准企业',
    kind: 'enterprise',
    enterpriseId,
  });
  const user = (
    username: string,
    role: 'enterprise_admin' | 'mine_duty_officer',
    mineId?: string,
  ) =>
    createUser(deps, admin, {
      username,
      displayName: username,
      password: 'bench-pass-2026',
      role,
      organisationId: org.id,
      ...(mineId ? { mineId } : {}),
    });
  await user('bench.ent', 'enterprise_admin');
  await user('bench.duty', 'mine_duty_officer', chosen[0]?.id);
  const owner = await findUserWithOrg(db, { username: 'bench.ent' });
  if (!owner) {
    throw new Error('no bench user');
  }
  const mineIds = chosen.map((m) => m.id);
  const { token } = await createToken(deps, userPrincipal(owner, null), {
    name: 'bench',
    kind: 'gateway',
    mineIds,
  });
  return { deps, mineIds, token };
}

/** The options benchmarks run the modules with: no gateways, no timers unless asked. */
export const benchContextConfig: ContextConfig = {
  publicUrl: 'http://127.0.0.1',
  webhook: undefined,
  email: undefined,
  cookieSecure: false,
  monitoringTickSeconds: 0,
  jobsIntervalSeconds: 0,
};

/** The app listening on a free local port; returns its base URL. */
export async function listen(
  database: Database,
  deps: ServiceDeps,
  ctx: ModuleContext = createModuleContext(deps, benchContextConfig),
): Promise<{ app: FastifyInstance; base: string }> {
  const { app } = await buildApp({ database, ctx, logLevel: false, version: 'bench' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return {
    app,
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  };
}
