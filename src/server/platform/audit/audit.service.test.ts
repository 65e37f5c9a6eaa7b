import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { buildMine } from '../../../../test/helpers/factories.ts';
import { AppError } from '../errors.ts';
import { GENESIS_HASH, canonicalJson } from './audit.service.ts';
import { verifyAuditChain } from './audit.verify.ts';
import { testSecret } from '../../../../test/helpers/test-clock.ts';
import { auditEvents } from './audit.table.ts';
import { recordAudit } from '../../modules/registry/registry.audit.ts';

describe.each(engines)('audit trail (%s)', (engine) => {
  let t: TestDatabase;
  const verify = () =>
    verifyAuditChain(t.database.db, { secret: testSecret, anchorFile: undefined });
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    for (let i = 0; i < 3; i++) {
      await buildMine(t.deps);
    }
  });
  afterAll(() => t.close());

  it('every change is chained to the one before it, starting from the genesis hash', async () => {
    const rows = await t.database.db.select().from(auditEvents).orderBy(auditEvents.seq);
    expect(rows.length).toBeGreaterThanOrEqual(6); // an enterprise and a mine per buildMine
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    }
    expect(await verify()).toMatchObject({ checked: rows.length, problems: [] });
  });

  it('recording outside a transaction is refused', async () => {
    await expect(
      recordAudit(t.database.db, { actorId: null, actorLabel: 'x', ip: null }, new Date(), {
        type: 'registry.mine.updated',
        entityId: 'x',
      }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('UPDATE and DELETE on the trail are refused by the database', async () => {
    await expect(
      t.database.db.execute(sql`UPDATE audit_events SET actor_label = 'x'`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
  });

  it('an edited row is detected by verify', async () => {
    await t.database.db.execute(
      sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`,
    );
    await t.database.db.execute(
      sql`UPDATE audit_events SET after = jsonb_set(after, '{name}', '"篡改的名称"') WHERE seq = (SELECT min(seq) + 1 FROM audit_events)`,
    );
    const result = await verify();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.problem).toMatch(/edited/);
  });

  it('a deleted row is detected by verify', async () => {
    await t.database.db.execute(
      sql`DELETE FROM audit_events WHERE seq = (SELECT max(seq) - 1 FROM audit_events)`,
    );
    const result = await verify();
    expect(result.problems.map((p) => p.problem).join('\n')).toMatch(/removed or inserted/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});
