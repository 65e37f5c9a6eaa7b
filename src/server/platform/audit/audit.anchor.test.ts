/**
 * The audit trail's anchor and its keyed chain (issue 21 §4), on both engines: someone with full rights
 * on the database — who can switch off the append-only trigger and rewrite the table — can no longer
 * delete the newest events or recompute the chain after an edit without `audit verify` naming it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { testSecret } from '../../../../test/helpers/test-clock.ts';
import { buildMine } from '../../../../test/helpers/factories.ts';
import { queryRows } from '../db/client.ts';
import { anchorAuditTrail } from './audit.anchor.ts';
import { eventHash, GENESIS_HASH, unkeyedEventHash, type HashedFields } from './audit.service.ts';
import { auditEvents } from './audit.table.ts';
import { verifyAuditChain } from './audit.verify.ts';

describe.each(engines)('audit anchor and keyed chain (%s)', (engine) => {
  let t: TestDatabase;
  let dir: string;
  let file: string;
  const anchor = () => ({ secret: testSecret, file });
  const checkpoint = (adopt = false) =>
    anchorAuditTrail(t.database.db, anchor(), { adopt, now: t.deps.clock() });
  const verify = () => verifyAuditChain(t.database.db, { secret: testSecret, anchorFile: file });
  /** Runs statements with the append-only guard off, as someone with the database's owner rights can. */
  const unguarded = (statements: ReturnType<typeof sql>[]) =>
    t.database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
      for (const q of statements) {
        await tx.execute(q);
      }
      await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    });
  const seqs = async () =>
    (
      await queryRows<{ seq: number }>(
        t.database.db,
        sql`SELECT seq::int AS seq FROM audit_events ORDER BY seq`,
      )
    ).map((r) => r.seq);

  /** Rewrites the chain from `fromSeq` on with the given hash function, as an intruder would. */
  async function rehashFrom(fromSeq: number, hash: (prev: string, f: HashedFields) => string) {
    const rows = await t.database.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    let prev = GENESIS_HASH;
    const updates: ReturnType<typeof sql>[] = [];
    for (const row of rows) {
      if (row.seq >= fromSeq) {
        const h = hash(prev, row);
        updates.push(
          sql`UPDATE audit_events SET prev_hash = ${prev}, hash = ${h} WHERE seq = ${row.seq}`,
        );
        prev = h;
      } else {
        prev = row.hash;
      }
    }
    await unguarded(updates);
  }

  beforeEach(async () => {
    t = await createTestDatabase(engine);
    dir = mkdtempSync(path.join(tmpdir(), 'mw-anchor-'));
    file = path.join(dir, 'audit-anchor.jsonl');
    await checkpoint(true); // the base template's trail, anchored as the server's first start does
    for (let i = 0; i < 3; i++) {
      await buildMine(t.deps);
    }
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an untouched trail verifies against its anchor; the anchor moves only when the head does', async () => {
    expect((await checkpoint()).outcome).toBe('written');
    expect((await checkpoint()).outcome).toBe('unchanged');
    const all = await seqs();
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.checked).toBe(all.length);
    expect(report.notes[0]).toMatch(/2 个检查点/);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({
      kind: 'checkpoint',
      seq: all[all.length - 1],
      count: all.length,
    });
  });

  it('deleting the newest events is found, and verify names the missing seqs', async () => {
    await checkpoint();
    const all = await seqs();
    const last = all[all.length - 1] ?? 0;
    const keep = all[all.length - 3] ?? 0;
    await unguarded([sql`DELETE FROM audit_events WHERE seq > ${keep}`]);
    // The chain that is left is intact: only the anchor can tell that its end is gone.
    const report = await verify();
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ seq: last });
    expect(report.problems[0]?.problem).toContain(`缺少最新的事件`);
    expect(report.problems[0]?.problem).toContain(`seq ${keep + 1}–${last}`);
    // A later start does not paper over it: the anchor refuses to step back.
    expect((await checkpoint()).outcome).toBe('behind');
    expect((await verify()).problems).toHaveLength(1);
  });

  it('a chain recomputed after an edit is found: without the key by its hashes, with a guessed key at every event', async () => {
    await checkpoint();
    const all = await seqs();
    const edited = all[all.length - 4] ?? 0;
    await unguarded([
      sql`UPDATE audit_events SET after = jsonb_set(after, '{name}', '"篡改的名称"') WHERE seq = ${edited}`,
    ]);
    // The old, unkeyed algorithm (SHA-256 of the previous hash and the row) is public: recompute with it.
    await rehashFrom(edited, unkeyedEventHash);
    const report = await verify();
    expect(report.problems[0]).toEqual({
      seq: edited,
      problem: expect.stringMatching(
        /^seq \d+–\d+ 的 4 条事件的哈希未用密钥计算: 链在此被重新计算/,
      ),
    });
    // And the checkpoint still holds the head's old hash.
    expect(report.problems.map((p) => p.problem).join('\n')).toMatch(/与锚点 .* 记录的不同/);
    // Recomputed with a guessed key instead: every rewritten event fails its hash.
    await rehashFrom(edited, (prev, f) => eventHash(Buffer.alloc(32), prev, f));
    const guessed = await verify();
    expect(guessed.problems.filter((p) => /edited/.test(p.problem)).map((p) => p.seq)).toEqual(
      all.filter((s) => s >= edited),
    );
  });

  it('a forged or missing anchor is reported, never trusted', async () => {
    await checkpoint();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const forged = JSON.parse(lines[1] ?? '{}') as { seq: number; count: number };
    forged.seq += 1000;
    forged.count += 1000;
    writeFileSync(file, [lines[0], JSON.stringify(forged), ''].join('\n'));
    const report = await verify();
    expect(report.problems).toEqual([
      expect.objectContaining({ seq: 0, problem: expect.stringContaining('锚点文件第 2 行') }),
    ]);
    rmSync(file);
    const missing = await verify();
    expect(missing.problems).toEqual([
      expect.objectContaining({ seq: 0, problem: expect.stringContaining('不存在或为空') }),
    ]);
    // Only the server begins an anchor over a trail that already holds events, and verify says since when.
    expect((await checkpoint(false)).outcome).toBe('missing');
    expect((await checkpoint(true)).outcome).toBe('adopted');
    const adopted = await verify();
    expect(adopted.problems).toEqual([]);
    expect(adopted.notes.join('\n')).toMatch(/锚点始于 .* 接管已有的/);
  });

  it('an installation upgraded in place: unkeyed events before the adopted checkpoint pass with a note, none after it', async () => {
    // The trail as a release before the key wrote it: every hash unkeyed, and no anchor yet.
    const all = await seqs();
    await rehashFrom(0, unkeyedEventHash);
    rmSync(file);
    expect((await checkpoint(true)).outcome).toBe('adopted');
    await buildMine(t.deps); // keyed from now on
    await checkpoint();
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.notes.join('\n')).toContain(`${all.length} 条事件早于密钥链`);
    // An unkeyed event after the adopted checkpoint is a recomputed chain.
    const now = await seqs();
    await rehashFrom(now[now.length - 1] ?? 0, unkeyedEventHash);
    expect((await verify()).problems.map((p) => p.problem).join('\n')).toMatch(/链在此被重新计算/);
  });
});
