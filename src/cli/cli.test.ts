/**
 * The `minewatch` command as a real process: seed, audit verify (and its failure after tampering, and
 * after the newest events were deleted, found through the anchor the CLI keeps in the data folder),
 * import with a bad file, users create — on PGlite data folders and, when configured, on PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../server/platform/db/client.ts';
import { createTestDatabase, engines } from '../../test/helpers/test-database.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/minewatch.mjs');

async function minewatch(args: string[], env: Record<string, string>) {
  try {
    const r = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe.each(engines)('minewatch CLI (%s)', (engine) => {
  let dir: string;
  let env: Record<string, string>;
  let close: () => Promise<void> = () => Promise.resolve();
  /** Opens the CLI's database in this process (PGlite folders allow one process at a time). */
  let open: () => Promise<Database>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mw-cli-'));
    env = { DATA_DIR: dir, MINEWATCH_SECRET: 'ab'.repeat(32), DATABASE_URL: '' };
    if (engine === 'postgres') {
      const t = await createTestDatabase('postgres');
      await t.database.close();
      env.DATABASE_URL = t.url ?? '';
      close = () => t.close();
      open = () => openDatabase({ url: t.url });
    } else {
      open = () => openDatabase({ dataDir: path.join(dir, 'pglite') });
    }
  });
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  it('seed loads the demo province and audit verify passes', async () => {
    const seeded = await minewatch(['seed'], env);
    expect(seeded.out).toContain('demo province seeded');
    const verified = await minewatch(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/audit chain OK: \d+ events verified/);
    // The demo's signed enforcement documents (issue 7) are checked too.
    expect(verified.out).toMatch(
      /document chains OK: [1-9]\d* documents, [1-9]\d* revisions verified/,
    );
  });

  it('import mines reports each bad row and exits non-zero, writing nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    await writeFile(
      file,
      '矿山名称,统一社会信用代码,县级行政区划代码,矿山类型,规模,状态,状态起始日期\n甲,91140981MA0000000X,140981,煤矿井工,小型,生产,2025-01-01\n',
    );
    const r = await minewatch(['import', 'mines', file], env);
    expect(r.code).toBe(1);
    expect(r.out).toContain('第2行 统一社会信用代码');
  });

  it('users create validates its input and creates through the service', async () => {
    const bad = await minewatch(
      [
        'users',
        'create',
        '--username',
        'X',
        '--display-name',
        'x',
        '--role',
        'inspector',
        '--organisation',
        'nope',
        '--password',
        'abc',
      ],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/username|organisationId/);
    const db = await open();
    const [org] = await queryRows<{ id: string }>(
      db.db,
      sql`SELECT id FROM organisations WHERE region_code = '140981'`,
    );
    await db.close();
    const ok = await minewatch(
      [
        'users',
        'create',
        '--username',
        'yp.new',
        '--display-name',
        '新执法员',
        '--role',
        'inspector',
        '--organisation',
        org?.id ?? '',
        '--password',
        'newpass2026',
      ],
      env,
    );
    expect(ok.out).toContain('created user yp.new');
  });

  it('audit verify fails when a row of the trail was edited behind its back', async () => {
    const db = await open();
    await db.db.execute(
      sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`,
    );
    await db.db.execute(sql`UPDATE audit_events SET actor_label = 'someone-else' WHERE seq = 5`);
    // A signed 现场检查记录 edited with the append-only guard switched off.
    await db.db.execute(sql`ALTER TABLE enforcement_document_revisions DISABLE TRIGGER USER`);
    const [doc] = await queryRows<{ number: string }>(
      db.db,
      sql`UPDATE enforcement_document_revisions r SET fields = fields || '{"partyPresent": "别人"}'::jsonb
          FROM enforcement_documents d
          WHERE d.id = r.document_id AND r.seq = 2
            AND d.id = (SELECT id FROM enforcement_documents WHERE template = '现场检查记录' ORDER BY number LIMIT 1)
          RETURNING d.number`,
    );
    await db.close();
    const r = await minewatch(['audit', 'verify'], env);
    expect(r.code).toBe(1);
    expect(r.out).toContain('seq 5: row content does not match its hash');
    expect(r.out).toContain('audit chain BROKEN');
    expect(r.out).toContain(`文书 ${doc?.number ?? '?'} 修订 2: 修订内容与其哈希不符`);
    expect(r.out).toContain('document chains BROKEN');
  });

  it('audit verify names the newest events deleted behind its back, through the anchor in the data folder', async () => {
    const anchor = await readFile(path.join(dir, 'audit-anchor.jsonl'), 'utf8');
    const last = JSON.parse(anchor.trim().split('\n').pop() ?? '{}') as { seq: number };
    const db = await open();
    await db.db.execute(
      sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`,
    );
    await db.db.execute(sql`DELETE FROM audit_events WHERE seq > ${last.seq - 2}`);
    await db.close();
    const r = await minewatch(['audit', 'verify'], env);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`seq ${last.seq}: 缺少最新的事件`);
    expect(r.out).toContain(`seq ${last.seq - 1}–${last.seq} 的事件被删除`);
  });
});
