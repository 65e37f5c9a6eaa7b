/**
 * The demo province's coal mines carry their 煤矿编码 (issue 22 §5: the demo's coal mines get codes), so
 * that files written for them are taken: 12 digits, the county's six first, unique; other kinds none.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { queryRows } from '../platform/db/client.ts';

describe.each(engines)('the demo province’s 煤矿编码 (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every coal mine has a 12-digit code beginning with its county; no other mine has one', async () => {
    const rows = await queryRows<{ kind: string; county_code: string; coal_code: string | null }>(
      t.database.db,
      sql`SELECT kind, county_code, coal_code FROM mines`,
    );
    const coal = rows.filter((r) => r.kind === '煤矿井工' || r.kind === '露天煤矿');
    expect(coal.length).toBeGreaterThan(5);
    for (const m of coal) {
      expect(m.coal_code).toMatch(/^\d{12}$/);
      expect(m.coal_code?.slice(0, 6)).toBe(m.county_code);
    }
    expect(new Set(coal.map((m) => m.coal_code)).size).toBe(coal.length);
    expect(rows.filter((r) => !coal.includes(r) && r.coal_code !== null)).toEqual([]);
  });
});
