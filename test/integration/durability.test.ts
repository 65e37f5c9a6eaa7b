/**
 * Accepted data survives a crash: mines registered through the API (201), a hazard and its evidence
 * file are still there, with the audit trail intact, after the server process is killed with SIGKILL and started again on the same
 * embedded PGlite data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../e2e/server.ts';

async function loginCookie(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'yp.admin', password: 'minewatch2026' }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

describe('durability of accepted writes (PGlite data folder)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mw-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a mine answered with 201 is still there after SIGKILL and restart', async () => {
    const first = await startServer({ dataDir, web: false });
    const cookie = await loginCookie(first.baseUrl);
    const { items } = (await (
      await fetch(`${first.baseUrl}/api/enterprises?limit=1`, { headers: { cookie } })
    ).json()) as {
      items: { id: string }[];
    };
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${first.baseUrl}/api/mines`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `断电测试排土场${i}`,
          enterpriseId: items[0]?.id,
          countyCode: '140981',
          kind: '排土场',
          scale: '小型',
          status: '生产',
          statusSince: '2026-01-01',
          dumpHeightM: 60,
        }),
      });
      expect(res.status).toBe(201);
      created.push(((await res.json()) as { id: string }).id);
    }
    // A hazard at the first new mine, with an evidence file.
    const standards = (await (
      await fetch(`${first.baseUrl}/api/hazard-standards`, { headers: { cookie } })
    ).json()) as { id: string; code: string }[];
    const nonCoal = standards.find((s) => s.code === '矿安〔2022〕88号')?.id ?? '';
    const [criterion] = (await (
      await fetch(`${first.baseUrl}/api/hazard-standards/${nonCoal}/criteria?kind=排土场`, {
        headers: { cookie },
      })
    ).json()) as { id: string }[];
    const hazardRes = await fetch(`${first.baseUrl}/api/hazards`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        mineId: created[0],
        criterionId: criterion?.id,
        description: '断电测试: 排土场平台裂缝',
        location: '1号排土场',
        source: '监管执法检查',
        foundBy: '县局执法检查组',
        foundOn: '2026-11-01',
      }),
    });
    expect(hazardRes.status).toBe(201);
    const hazardId = ((await hazardRes.json()) as { id: string }).id;
    const evidence = Buffer.from('%PDF-1.4 断电测试现场检查记录');
    const form = new FormData();
    form.append('file', new Blob([evidence], { type: 'application/pdf' }), '检查记录.pdf');
    const upload = await fetch(`${first.baseUrl}/api/hazards/${hazardId}/attachments`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    expect(upload.status).toBe(201);
    const attachmentId = ((await upload.json()) as { id: string }).id;
    await first.kill();

    const second = await startServer({ dataDir, web: false });
    try {
      const cookie2 = await loginCookie(second.baseUrl);
      for (const id of created) {
        const res = await fetch(`${second.baseUrl}/api/mines/${id}`, {
          headers: { cookie: cookie2 },
        });
        expect(res.status).toBe(200);
      }
      const file = await fetch(
        `${second.baseUrl}/api/hazards/${hazardId}/attachments/${attachmentId}`,
        { headers: { cookie: cookie2 } },
      );
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(evidence)).toBe(true);
      const admin = await fetch(`${second.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'minewatch2026' }),
      });
      const adminCookie = admin.headers.get('set-cookie')?.split(';')[0] ?? '';
      const verify = (await (
        await fetch(`${second.baseUrl}/api/audit/verify`, { headers: { cookie: adminCookie } })
      ).json()) as {
        ok: boolean;
        checked: number;
      };
      expect(verify.ok).toBe(true);
      expect(verify.checked).toBeGreaterThan(240);
    } finally {
      await second.stop();
    }
  });
});
