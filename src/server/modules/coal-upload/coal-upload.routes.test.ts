/**
 * The ways in and the registry's 煤矿编码, over HTTP on both engines: one file, several, a ZIP of them;
 * a file for an unregistered code or for another mine than the token's refused with that reason;
 * refused files precise to the record and field and never half-written; idempotent resends; hostile
 * archives and oversized requests refused with a precise 4xx; and the code in the mine form, import and
 * export.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import { creditCodeFor } from '../../../../test/helpers/factories.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { loginAll, type World } from '../../../../test/helpers/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import { writeZip } from '../../platform/files/zip.ts';
import { buildCdssText, buildCoalFixture } from './coal-file.factory.ts';
import { CODE_A, CODE_B, connectWorld, multipart, postFiles } from './coal-upload.fixtures.ts';

const substations = (time: string, mineCode = CODE_A) =>
  buildCoalFixture('FZDY', { mineCode, time, records: 2 });

describe.each(engines)('coal upload: ways in, refusals, idempotency (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;
  let tokens: { a: string; b: string; a2: string };
  const count = async (table: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql.raw(`SELECT count(*)::int AS n FROM ${table}`),
      )
    )[0]?.n ?? 0;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
    });
    tokens = await connectWorld(t.deps, world);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('takes one file, several files and a ZIP of them (its folders ignored), each reported, in name-time order', async () => {
    const one = await postFiles(app, tokens.a, [substations('2026-11-22 09:00:00')]);
    expect(one.status).toBe(200);
    expect(one.files).toEqual([
      expect.objectContaining({
        type: 'FZDY',
        mineCode: CODE_A,
        status: 'stored',
        records: 2,
        stored: 2,
      }),
    ]);
    const later = buildCoalFixture('FZSS', {
      mineCode: CODE_A,
      time: '2026-11-22 09:02:00',
      records: 2,
    });
    const earlier = buildCoalFixture('FZSS', {
      mineCode: CODE_A,
      time: '2026-11-22 09:01:00',
      records: 2,
    });
    const several = await postFiles(app, tokens.a, [later, earlier]);
    expect(several.files.map((f) => [f.file, f.status, f.stored])).toEqual([
      [earlier.name, 'stored', 2],
      [later.name, 'stored', 2],
    ]);
    const zipped = writeZip([
      {
        name: `upload/20261122/${buildCoalFixture('FZSS', { mineCode: CODE_A, time: '2026-11-22 09:03:00' }).name}`,
        data: buildCoalFixture('FZSS', { mineCode: CODE_A, time: '2026-11-22 09:03:00' }).data,
      },
      { name: 'upload/', data: Buffer.alloc(0) },
      { name: earlier.name, data: earlier.data },
    ]);
    const z = await postFiles(app, tokens.a, [{ name: 'batch.zip', data: zipped }]);
    expect(z.status).toBe(200);
    expect(z.files.map((f) => [f.file, f.status])).toEqual([
      [earlier.name, 'duplicate'],
      ['140981000001_FZSS_20261122090300.txt', 'stored'],
    ]);
  });

  it('a file for an unregistered 煤矿编码, or for a mine the token does not name, is refused with that reason and stores nothing', async () => {
    const before = await count('coal_files');
    const r = await postFiles(app, tokens.a, [
      substations('2026-11-22 09:00:00', '140981999999'),
      substations('2026-11-22 09:00:00', CODE_B),
    ]);
    expect(r.status).toBe(200);
    for (const f of r.files) {
      expect(f.status).toBe('refused');
      expect(f.problems).toEqual([
        expect.objectContaining({
          record: null,
          field: '煤矿编码',
          reason: expect.stringContaining('未登记, 或不在该令牌可上报的矿山范围内'),
        }),
      ]);
    }
    expect(await count('coal_files')).toBe(before);
    expect(await count('coal_substations')).toBe(2);
  });

  it('a bad file is refused whole with its record, field and reason, writing none of its records; resent it is refused again from the store', async () => {
    const good = buildCoalFixture('FZDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:10:00',
      records: 3,
    });
    const bad = {
      name: good.name,
      data: Buffer.from(good.text.replace('FZ0002;', 'FZ0002；'), 'utf8'),
    };
    const before = { files: await count('coal_files'), subs: await count('coal_substations') };
    const r = await postFiles(app, tokens.a, [bad]);
    expect(r.files[0]).toMatchObject({ status: 'refused', stored: 0 });
    expect(r.files[0]?.problems).toEqual([
      expect.objectContaining({
        record: 2,
        field: '分站编码',
        reason: expect.stringContaining('全角分号'),
      }),
    ]);
    // Stored as refused (the feeds show it), none of its substations.
    expect(await count('coal_files')).toBe(before.files + 1);
    expect(await count('coal_substations')).toBe(before.subs);
    const again = await postFiles(app, tokens.a, [bad]);
    expect(again.files[0]).toMatchObject({ status: 'refused', problems: r.files[0]?.problems });
    expect(await count('coal_files')).toBe(before.files + 1);
    const feeds = await app.inject({
      method: 'GET',
      url: `/api/coal/mines/${world.a.mines[0]?.id}/feeds`,
      headers: { cookie: cookies.ent ?? '' },
    });
    expect(
      feeds.json<{ refusedFiles: { fileName: string }[] }>().refusedFiles.map((f) => f.fileName),
    ).toContain(good.name);
  });

  it('the same file twice stores nothing new', async () => {
    const f = substations('2026-11-22 09:20:00');
    const first = await postFiles(app, tokens.a, [f]);
    const n = await count('coal_files');
    const second = await postFiles(app, tokens.a, [f]);
    expect(first.files[0]?.status).toBe('stored');
    expect(second.files[0]).toMatchObject({ status: 'duplicate', stored: 0, duplicates: 2 });
    expect(await count('coal_files')).toBe(n);
  });

  it('hostile or oversized input is refused with a precise 4xx', async () => {
    const send = (payload: Buffer, contentType: string, token = tokens.a) =>
      app.inject({
        method: 'POST',
        url: '/api/ingest/coal-files',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        payload,
      });
    const json = await send(Buffer.from('[]'), 'application/json');
    expect(json.statusCode).toBe(415);
    const zipOf = (entries: { name: string; data: Buffer }[]) =>
      multipart([{ name: 'x.zip', data: writeZip(entries) }]);
    const f = substations('2026-11-22 09:30:00');
    // A ZIP inside the ZIP.
    const nested = zipOf([{ name: 'inner.zip', data: writeZip([{ name: f.name, data: f.data }]) }]);
    const r1 = await send(nested.body, nested.contentType);
    expect(r1.statusCode).toBe(400);
    expect(r1.json<{ message: string }>().message).toContain('不接收嵌套的压缩包');
    // A ZIP whose entry inflates beyond the file limit (a zip bomb): refused by its declared size.
    const bomb = zipOf([{ name: f.name, data: Buffer.alloc(40 * 1024 * 1024) }]);
    const r2 = await send(bomb.body, bomb.contentType);
    expect(r2.statusCode).toBe(413);
    expect(r2.json<{ message: string }>().message).toContain('超过单个文件上限');
    // A truncated ZIP.
    const whole = writeZip([{ name: f.name, data: f.data }]);
    const cut = multipart([{ name: 'x.zip', data: whole.subarray(0, whole.length - 30) }]);
    const r3 = await send(cut.body, cut.contentType);
    expect(r3.statusCode).toBe(400);
    // An entry whose content does not match its CRC.
    const tampered = Buffer.from(whole);
    tampered.writeUInt32LE((tampered.readUInt32LE(14) ^ 1) >>> 0, 14);
    const cd = tampered.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    tampered.writeUInt32LE((tampered.readUInt32LE(cd + 16) ^ 1) >>> 0, cd + 16);
    const bad = multipart([{ name: 'x.zip', data: tampered }]);
    const r4 = await send(bad.body, bad.contentType);
    expect(r4.statusCode).toBe(400);
    expect(r4.json<{ message: string }>().message).toContain('校验码');
    // More files than one request may carry.
    const many = multipart(
      Array.from({ length: 201 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })),
    );
    const r5 = await send(many.body, many.contentType);
    expect(r5.statusCode).toBe(413);
  });

  it('a large file (a CDSS of 20,000 records, about 1.6 MB) is taken whole; its refusals are listed up to 1,000 and all counted', async () => {
    const text = buildCdssText(20_000, 2_000, CODE_A);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_500_000);
    const r = await postFiles(app, tokens.a, [
      { name: `${CODE_A}_CDSS_20261122095000.txt`, data: Buffer.from(text, 'utf8') },
    ]);
    expect(r.status).toBe(200);
    // No point of the file is defined for this mine: every record is refused, by record and field.
    expect(r.files[0]).toMatchObject({
      status: 'stored',
      records: 20_000,
      stored: 0,
      refused: 20_000,
    });
    expect(r.files[0]?.problems).toHaveLength(1000);
    expect(r.files[0]?.problems[0]).toMatchObject({ record: 1, field: '测点编码' });
  });

  it('only a gateway token uploads: a signed-in user is refused, and so is a request without credentials', async () => {
    const mp = multipart([substations('2026-11-22 09:40:00')]);
    const asUser = await app.inject({
      method: 'POST',
      url: '/api/ingest/coal-files',
      headers: {
        cookie: cookies.reg ?? '',
        'content-type': mp.contentType,
        origin: 'http://127.0.0.1:8080',
      },
      payload: mp.body,
    });
    expect(asUser.statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/ingest/coal-files',
      headers: { 'content-type': mp.contentType },
      payload: mp.body,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('煤矿编码: the regulator sets it (12 digits, unique, coal mines only); an enterprise may not; import and export carry it', async () => {
    const patch = (id: string, payload: object, who = 'reg') =>
      app.inject({
        method: 'PATCH',
        url: `/api/mines/${id}`,
        headers: { cookie: cookies[who] ?? '' },
        payload,
      });
    const coal = world.a.mines[0]?.id ?? '';
    const pond = world.a.mines[1]?.id ?? '';
    expect((await patch(pond, { coalCode: '140981000077' })).statusCode).toBe(400);
    expect((await patch(coal, { coalCode: '14098100001' })).statusCode).toBe(400);
    expect((await patch(coal, { coalCode: '140981000078' }, 'ent')).statusCode).toBe(403);
    // Its own code again is no duplicate; another mine's is.
    expect((await patch(coal, { coalCode: CODE_A })).statusCode).toBe(200);
    const dup = await patch(world.a2.mines[0]?.id ?? '', { coalCode: CODE_A });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('该煤矿编码已登记');
    const code = creditCodeFor('140981');
    const csv = [
      '矿山名称,统一社会信用代码,企业名称,县级行政区划代码,矿山类型,规模,状态,状态起始日期,开采深度(m),煤矿编码',
      `编码导入矿,${code},编码导入企业,140981,煤矿井工,小型,生产,2025-01-01,300,140981000099`,
      `编码重复矿,${code},编码导入企业,140981,煤矿井工,小型,生产,2025-01-01,300,${CODE_A}`,
    ].join('\n');
    const mp = multipart([{ name: 'm.csv', data: csv }]);
    const imp = await app.inject({
      method: 'POST',
      url: '/api/mines/import?mode=valid-only',
      headers: { cookie: cookies.reg ?? '', 'content-type': mp.contentType },
      payload: mp.body,
    });
    expect(imp.statusCode).toBe(200);
    expect(imp.json()).toMatchObject({ written: 1 });
    expect(JSON.stringify(imp.json())).toContain('该煤矿编码已登记');
    const exp = await app.inject({
      method: 'GET',
      url: '/api/mines/export?format=csv&kind=煤矿井工',
      headers: { cookie: cookies.reg ?? '' },
    });
    expect(exp.body).toContain('煤矿编码');
    expect(exp.body).toContain('140981000099');
    expect(exp.body).toContain(CODE_A);
  });
});
