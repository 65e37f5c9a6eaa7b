/**
 * Accepted data survives a crash: mines registered through the API (201), a hazard and its evidence
 * file are still there, with the audit trail intact, after the server process is killed with SIGKILL and started again on the same
 * embedded PGlite data folder.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { demoDataCopy, startServer } from '../e2e/server.ts';

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
  // The seeded demo, copied: a fresh `minewatch serve` would first seed it (a minute on CI).
  const dataDir = demoDataCopy();
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

  it('SIGKILL in the middle of ingest loses no acknowledged reading and duplicates no alarm or call', async () => {
    const ingestDir = demoDataCopy();
    const first = await startServer({ dataDir: ingestDir, web: false });
    const cookie = await loginCookie(first.baseUrl);
    const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;
    const post = (url: string, body: unknown) =>
      fetch(`${first.baseUrl}${url}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const mines = (await json(
      await fetch(`${first.baseUrl}/api/mines?limit=1`, { headers: { cookie } }),
    )) as {
      items: { id: string }[];
    };
    const mineId = mines.items[0]?.id ?? '';
    const facility = await json(
      await post('/api/monitoring/facilities', {
        mineId,
        code: 'CRASH',
        name: '断电测试区',
        kind: '井下区域',
      }),
    );
    const sensor = await json(
      await post('/api/monitoring/sensors', {
        facilityId: facility.id,
        code: 'CRASH-CH4',
        name: '断电测试甲烷',
        quantity: 'CH4',
        preset: '甲烷:采煤工作面',
      }),
    );
    const token = (
      await json(
        await post('/api/tokens', { name: '断电测试网关', kind: 'gateway', mineIds: [mineId] }),
      )
    ).token as string;
    // 40 batches of 250 readings, one per second back from now; batch 5 crosses 断电 1.5 and stays there.
    const start = Date.now() - 3 * 3600_000;
    const batches = Array.from({ length: 40 }, (_, b) =>
      Array.from({ length: 250 }, (_, i) => {
        const n = b * 250 + i;
        return JSON.stringify({
          sensor: 'CRASH-CH4',
          ts: new Date(start + n * 1000).toISOString(),
          value: b >= 5 ? 1.8 : 0.3,
        });
      }).join('\n'),
    );
    const send = (base: string, body: string) =>
      fetch(`${base}/api/ingest/readings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body,
      });
    const acked: number[] = [];
    let killed = false;
    const sender = (async () => {
      for (let b = 0; b < batches.length && !killed; b++) {
        try {
          const res = await send(first.baseUrl, batches[b] ?? '');
          if (res.status === 200) {
            acked.push(b);
          }
        } catch {
          break; // the server is gone
        }
      }
    })();
    // Kill as soon as the alarm exists and a few more batches are acknowledged.
    while (acked.length < 8) {
      await new Promise((r) => setTimeout(r, 5));
    }
    killed = true;
    await first.kill();
    await sender;

    const second = await startServer({ dataDir: ingestDir, web: false });
    try {
      const cookie2 = await loginCookie(second.baseUrl);
      const get = async (url: string) =>
        json(await fetch(`${second.baseUrl}${url}`, { headers: { cookie: cookie2 } }));
      const series = (await get(
        `/api/monitoring/sensors/${String(sensor.id)}/readings?from=${new Date(start - 1000).toISOString()}&to=${new Date(start + 10_001_000).toISOString()}`,
      )) as { points: { ts: string }[] };
      const have = new Set(series.points.map((p) => p.ts));
      for (const b of acked) {
        for (let i = 0; i < 250; i++) {
          expect(
            have.has(new Date(start + (b * 250 + i) * 1000).toISOString()),
            `batch ${b} reading ${i}`,
          ).toBe(true);
        }
      }
      // The gateway resends everything after the outage (断电续传): nothing doubles, one alarm stays open.
      for (const body of batches) {
        const res = await send(second.baseUrl, body);
        expect(res.status).toBe(200);
      }
      const after = (await get(
        `/api/monitoring/sensors/${String(sensor.id)}/readings?from=${new Date(start - 1000).toISOString()}&to=${new Date(start + 10_001_000).toISOString()}`,
      )) as { points: unknown[] };
      expect(after.points).toHaveLength(40 * 250);
      const alarms = (await (
        await fetch(`${second.baseUrl}/api/alarms?sensorId=${String(sensor.id)}`, {
          headers: { cookie: cookie2 },
        })
      ).json()) as { id: string; kind: string }[];
      expect(alarms.filter((a) => a.kind === '超限')).toHaveLength(1);
      // The first step's call was made before the kill or is made by the restarted loop — once.
      let timeline: { type: string }[] = [];
      for (let i = 0; i < 100; i++) {
        timeline = ((await get(`/api/alarms/${alarms[0]?.id}`)) as { timeline: { type: string }[] })
          .timeline;
        if (timeline.some((e) => e.type === 'called')) {
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(timeline.filter((e) => e.type === 'opened')).toHaveLength(1);
      expect(timeline.filter((e) => e.type === 'called')).toHaveLength(1);
    } finally {
      await second.stop();
      rmSync(ingestDir, { recursive: true, force: true });
    }
  });
});
