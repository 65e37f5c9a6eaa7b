/**
 * Evidence files (issue 4 §2): stored with their SHA-256, refused by content type, size and count with
 * the field named and nothing written, served only to those who may see the hazard.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { loginAll, type World } from '../../../../test/helpers/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import { minimalMp4 } from '../../../../test/helpers/media.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(filename: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----mwevidence';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

describe.each(engines)('hazard evidence files (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  const cookies: Record<string, string> = {};
  const url = () => `/api/hazards/${world.a.hazardIds[0]}/attachments`;
  const upload = (who: string, filename: string, content: Buffer, query = '') =>
    app.inject({
      method: 'POST',
      url: `${url()}${query}`,
      ...(() => {
        const m = multipart(filename, content);
        return { headers: { ...m.headers, cookie: cookies[who] ?? '' }, payload: m.payload };
      })(),
    });
  const stored = async () =>
    (
      await queryRows<{ n: number }>(
        t.deps.db,
        sql`SELECT count(*)::int AS n FROM hazard_attachments WHERE hazard_id = ${world.a.hazardIds[0]}`,
      )
    )[0]?.n;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    Object.assign(
      cookies,
      await loginAll(app, {
        ent: world.a.users.enterprise_admin,
        duty: world.a.users.mine_duty_officer,
        reg: world.a.users.regulator_viewer,
        other: world.b.users.regulator_admin,
        otherEnt: world.a2.users.enterprise_admin,
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('stores an upload with its SHA-256, on the timeline and in the audit trail', async () => {
    const res = await upload('ent', '整改后照片.png', PNG, '?purpose=整改证据');
    expect(res.statusCode, res.body).toBe(201);
    const sha = createHash('sha256').update(PNG).digest('hex');
    expect(res.json()).toMatchObject({
      purpose: '整改证据',
      fileName: '整改后照片.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      sha256: sha,
      uploadedBy: world.a.users.enterprise_admin,
    });
    const detail = (
      await app.inject({
        method: 'GET',
        url: `/api/hazards/${world.a.hazardIds[0]}`,
        headers: { cookie: cookies.reg ?? '' },
      })
    ).json<{ attachments: { sha256: string }[]; timeline: { action: string; note: string }[] }>();
    expect(detail.attachments.map((a) => a.sha256)).toContain(sha);
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'attach' });
    expect(detail.timeline.at(-1)?.note).toContain('整改证据: 整改后照片.png');
    const audit = await queryRows<{ type: string }>(
      t.deps.db,
      sql`SELECT type FROM audit_events WHERE entity_id = ${world.a.hazardIds[0]} ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0]?.type).toBe('hazards.evidence.added');
  });

  it('takes an MP4 by its boxes, not by "ftyp" at offset 4, and strips a right-to-left override from its name (issue 21 §9)', async () => {
    const before = await stored();
    const forged = Buffer.from('\0\0\0\x18ftypisom<html><script>alert(1)</script></html>');
    const refused = await upload('ent', 'video.mp4', forged);
    expect(refused.statusCode, refused.body).toBe(415);
    expect(await stored()).toBe(before);
    // U+202E makes "巡查\u202E4pm.exe" read as "巡查exe.mp4" wherever the name is shown.
    const res = await upload('ent', '巡查\u202E4pm.exe', minimalMp4(Buffer.from('巡查录像')));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'video/mp4', fileName: '巡查4pm.exe' });
  });

  it('serves the file byte for byte to a regulator of the county, with its digest and no sniffing', async () => {
    const id = (
      await app.inject({
        method: 'GET',
        url: `/api/hazards/${world.a.hazardIds[0]}`,
        headers: { cookie: cookies.reg ?? '' },
      })
    )
      .json<{ attachments: { id: string; contentType: string }[] }>()
      .attachments.find((a) => a.contentType === 'image/png')?.id;
    const res = await app.inject({
      method: 'GET',
      url: `${url()}/${id}`,
      headers: { cookie: cookies.reg ?? '' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers.etag).toBe(`"${createHash('sha256').update(PNG).digest('hex')}"`);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('整改后照片.png'));
    // Another county and another enterprise of the same county get a 404, not the file.
    for (const who of ['other', 'otherEnt']) {
      const denied = await app.inject({
        method: 'GET',
        url: `${url()}/${id}`,
        headers: { cookie: cookies[who] ?? '' },
      });
      expect(denied.statusCode, who).toBe(404);
      expect(denied.rawPayload.includes(PNG)).toBe(false);
    }
    // The id of one hazard's file under another hazard is not found either.
    const crossed = await app.inject({
      method: 'GET',
      url: `/api/hazards/${world.b.hazardIds[0]}/attachments/${id}`,
      headers: { cookie: cookies.other ?? '' },
    });
    expect(crossed.statusCode).toBe(404);
  });

  it('refuses bad files by field and writes nothing', async () => {
    const before = await stored();
    const html = await upload('ent', 'photo.png', Buffer.from('<html><script>x</script></html>'));
    expect(html.statusCode).toBe(415);
    expect(html.json().details[0]).toMatchObject({ path: 'file', value: 'photo.png' });
    const empty = await upload('ent', 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(EvidenceLimits.bytesMax)]);
    expect((await upload('ent', 'big.pdf', big)).statusCode).toBe(413);
    const again = await upload('ent', 'same-again.png', PNG);
    expect(again.statusCode).toBe(409);
    expect(again.json().details[0].message).toContain('SHA-256');
    const badPurpose = await upload('ent', 'x.pdf', Buffer.from('%PDF-1.4 x'), '?purpose=随便');
    expect(badPurpose.statusCode).toBe(400);
    const json = await app.inject({
      method: 'POST',
      url: url(),
      headers: { cookie: cookies.ent ?? '' },
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect((await upload('duty', 'x.pdf', Buffer.from('%PDF-1.4 duty'))).statusCode).toBe(403);
    expect((await upload('other', 'x.pdf', Buffer.from('%PDF-1.4 other'))).statusCode).toBe(404);
    expect(await stored()).toBe(before);
  });

  it(`holds at most ${EvidenceLimits.perHazardMax} files per hazard`, async () => {
    for (let i = (await stored()) ?? 0; i < EvidenceLimits.perHazardMax; i++) {
      expect((await upload('ent', `p${i}.pdf`, Buffer.from(`%PDF-1.4 ${i}`))).statusCode).toBe(201);
    }
    const over = await upload('ent', 'over.pdf', Buffer.from('%PDF-1.4 over'));
    expect(over.statusCode).toBe(409);
    expect(over.json().details[0].message).toContain(String(EvidenceLimits.perHazardMax));
    expect(await stored()).toBe(EvidenceLimits.perHazardMax);
  });
});
