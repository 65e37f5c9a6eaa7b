/**
 * The migration that makes 四不两直 the default (《2024年矿山安全生产工作要点》第41条: 检查执法一律采取“四不两直”方式开展), on
 * both engines: its data statements, run over records as they stood before it, turn the old kind 四不两直
 * into a 常规 inspection made 四不两直, and keep every other old record announced with the reason stated,
 * so past statistics do not change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../../test/helpers/test-database.ts';
import type { World } from '../../../../../test/helpers/world.ts';
import { queryRows } from '../../../platform/db/client.ts';

const dir = 'src/server/db/migrations';
const file = readdirSync(dir).find((f) =>
  f.endsWith('_inspections_unannounced_and_cross_arrangements.sql'),
);
/** The migration's data statements (its UPDATEs), in order. */
const updates = readFileSync(path.join(dir, file ?? 'missing'), 'utf8')
  .split('--> statement-breakpoint')
  .map((s) =>
    s
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('--'))
      .join('\n')
      .trim(),
  )
  .filter((s) => s.startsWith('UPDATE'));

describe.each(engines)('the 四不两直 migration’s data (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
  });
  afterAll(async () => {
    await t.close();
  });

  it('an old 四不两直 record becomes a 常规 one made 四不两直; an old 专项 one stays announced with its reason', async () => {
    expect(updates).toHaveLength(2);
    const legacyUnannounced = world.a.inspectionIds[0] ?? '';
    const legacySpecial = world.b.inspectionIds[0] ?? '';
    const db = t.database.db;
    // The records as the old code wrote them: a kind, no manner.
    await db.execute(
      sql`UPDATE inspections SET kind = '四不两直', announced_reason = NULL WHERE id = ${legacyUnannounced}`,
    );
    await db.execute(
      sql`UPDATE inspections SET kind = '专项', announced_reason = NULL WHERE id = ${legacySpecial}`,
    );
    for (const statement of updates) {
      await db.execute(sql.raw(statement));
    }
    const rows = await queryRows<{
      id: string;
      kind: string;
      reason: string | null;
      note: string | null;
    }>(
      db,
      sql`SELECT id, kind, announced_reason AS reason, announced_note AS note FROM inspections
           WHERE id IN (${legacyUnannounced}, ${legacySpecial})`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(legacyUnannounced)).toMatchObject({ kind: '常规', reason: null, note: null });
    expect(byId.get(legacySpecial)).toMatchObject({ kind: '专项', reason: '其他' });
    expect(byId.get(legacySpecial)?.note).toMatch(/之前录入.*未记为四不两直/);
    // No record keeps the old kind.
    const old = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM inspections WHERE kind = '四不两直'`,
    );
    expect(old[0]?.n).toBe(0);
  });
});
