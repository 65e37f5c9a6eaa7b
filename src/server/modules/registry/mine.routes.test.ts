import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import { creditCodeFor } from '../../../../test/helpers/factories.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { login, type World } from '../../../../test/helpers/world.ts';
import { HttpLimits } from '../../../shared/limits.ts';
import { queryRows } from '../../platform/db/client.ts';

async function counts(t: TestDatabase) {
  const rows = await queryRows<Record<string, number>>(
    t.database.db,
    sql`SELECT (SELECT count(*) FROM mines)::int AS mines, (SELECT count(*) FROM enterprises)::int AS enterprises,
               (SELECT count(*) FROM licences)::int AS licences, (SELECT count(*) FROM audit_events)::int AS audit`,
  );
  return rows[0];
}

function multipart(filename: string, content: Buffer | string, type = 'text/csv') {
  const boundary = '----mwtest';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

describe.each(engines)('registry API (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let admin: string; // county A regulator admin
  let ent: string; // enterprise A admin

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    admin = await login(app, world.a.users.regulator_admin);
    ent = await login(app, world.a.users.enterprise_admin);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const validMine = () => ({
    name: `新登记尾矿库${Math.random().toString(36).slice(2, 8)}`,
    enterpriseId: world.a.enterpriseId,
    countyCode: '140981',
    kind: '尾矿库',
    scale: '小型',
    status: '生产',
    statusSince: '2025-03-01',
    tailingsVolume10kM3: 10000,
    tailingsDamHeightM: 20,
    licences: [
      {
        kind: '安全生产许可证',
        number: `AQ-${Math.random()}`,
        issuedOn: '2024-01-01',
        expiresOn: '2027-01-01',
      },
    ],
  });

  describe('bad input gets a precise 4xx and changes nothing', () => {
    const cases: [
      string,
      () => { payload: string | object; headers?: Record<string, string> },
      number,
      RegExp,
    ][] = [
      [
        'malformed JSON',
        () => ({ payload: '{"name": ', headers: { 'content-type': 'application/json' } }),
        400,
        /"path":"body"/,
      ],
      [
        'an unknown field',
        () => ({ payload: { ...validMine(), colour: 'red' } }),
        400,
        /"path":"body\.colour"/,
      ],
      [
        'an unknown region code',
        () => ({ payload: { ...validMine(), countyCode: '999999' } }),
        400,
        /"path":"countyCode".*999999/,
      ],
      [
        'a city code where a county is needed',
        () => ({ payload: { ...validMine(), countyCode: '140900' } }),
        400,
        /不是县级行政区划/,
      ],
      [
        'a tailings pond without dam height',
        () => ({ payload: { ...validMine(), tailingsDamHeightM: undefined } }),
        400,
        /"path":"body\.tailingsDamHeightM"/,
      ],
      [
        'an attribute foreign to the kind',
        () => ({ payload: { ...validMine(), depthM: 300 } }),
        400,
        /"path":"body\.depthM".*不适用于尾矿库/,
      ],
      [
        'a licence expiring before it was issued',
        () => ({
          payload: {
            ...validMine(),
            licences: [
              { kind: '采矿许可证', number: 'x', issuedOn: '2025-01-01', expiresOn: '2024-01-01' },
            ],
          },
        }),
        400,
        /licences\.0\.expiresOn/,
      ],
      [
        'a NUL character',
        () => ({
          payload: JSON.stringify({ ...validMine(), name: 'a\u0000b' }),
          headers: { 'content-type': 'application/json' },
        }),
        400,
        /空字符/,
      ],
      [
        'an oversized body',
        () => ({
          payload: JSON.stringify({
            ...validMine(),
            name: 'x'.repeat(HttpLimits.jsonBodyMax),
          }),
          headers: { 'content-type': 'application/json' },
        }),
        413,
        /PAYLOAD_TOO_LARGE/,
      ],
      [
        'a non-JSON content type',
        () => ({
          payload: 'name=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        /UNSUPPORTED_MEDIA_TYPE/,
      ],
    ];
    it.each(cases)('POST /api/mines with %s', async (_name, make, status, pattern) => {
      const before = await counts(t);
      const { payload, headers } = make();
      const res = await app.inject({
        method: 'POST',
        url: '/api/mines',
        headers: { cookie: admin, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(status);
      expect(res.body).toMatch(pattern);
      expect(Object.keys(res.json())).toEqual(['code', 'message', 'details']);
      expect(await counts(t)).toEqual(before);
    });

    it('an enterprise with a wrong credit-code check character is refused, naming the expected one', async () => {
      const before = await counts(t);
      const good = creditCodeFor('140981');
      const last = good.endsWith('0') ? '1' : '0';
      const res = await app.inject({
        method: 'POST',
        url: '/api/enterprises',
        headers: { cookie: admin },
        payload: {
          creditCode: good.slice(0, 17) + last,
          name: '校验码错误企业',
          regionCode: '140981',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0]).toEqual({
        path: 'body.creditCode',
        message: `统一社会信用代码校验码错误: 应为 ${good[17]}`,
      });
      expect(await counts(t)).toEqual(before);
    });

    it('a duplicate credit code is a 409 naming the field', async () => {
      const e = await app.inject({
        method: 'GET',
        url: `/api/enterprises/${world.a.enterpriseId}`,
        headers: { cookie: admin },
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/enterprises',
        headers: { cookie: admin },
        payload: { creditCode: e.json().creditCode, name: '重复', regionCode: '140981' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().details[0].path).toBe('creditCode');
    });
  });

  describe('mines', () => {
    it('registers a tailings pond and computes its 等别 (二等 by volume, 五等 by height → 三等)', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/mines',
        headers: { cookie: admin },
        payload: validMine(),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().tailingsGrade).toBe(3);
      expect(res.json().licences).toHaveLength(1);
    });

    it('a status change is kept in the dated history with its reason, and audited', async () => {
      const mineId = world.a.mines[0]?.id ?? '';
      const res = await app.inject({
        method: 'POST',
        url: `/api/mines/${mineId}/status`,
        headers: { cookie: admin },
        payload: {
          status: '停产整顿',
          effectiveDate: '2026-11-20',
          reason: '原应急责停〔2026〕12号',
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: '停产整顿', statusSince: '2026-11-20' });
      const history = await app.inject({
        method: 'GET',
        url: `/api/mines/${mineId}/status-history`,
        headers: { cookie: admin },
      });
      expect(history.json().map((h: { toStatus: string }) => h.toStatus)).toEqual([
        '生产',
        '停产整顿',
      ]);
      expect(history.json()[1]).toMatchObject({
        fromStatus: '生产',
        reason: '原应急责停〔2026〕12号',
      });
      const audit = await app.inject({
        method: 'GET',
        url: `/api/audit/mine/${mineId}`,
        headers: { cookie: admin },
      });
      expect(audit.json().map((a: { type: string }) => a.type)).toContain(
        'registry.mine.status_changed',
      );
      const again = await app.inject({
        method: 'POST',
        url: `/api/mines/${mineId}/status`,
        headers: { cookie: admin },
        payload: { status: '停产整顿', effectiveDate: '2026-11-21', reason: 'again' },
      });
      expect(again.statusCode).toBe(409);
    });

    it('an edit is audited with before and after, and a stale version is a 409', async () => {
      const mineId = world.a.mines[0]?.id ?? '';
      const current = (
        await app.inject({ method: 'GET', url: `/api/mines/${mineId}`, headers: { cookie: ent } })
      ).json();
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/mines/${mineId}`,
        headers: { cookie: ent },
        payload: { approvedUndergroundStaff: 99, version: current.version },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        approvedUndergroundStaff: 99,
        version: current.version + 1,
      });
      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/mines/${mineId}`,
        headers: { cookie: ent },
        payload: { approvedUndergroundStaff: 98, version: current.version },
      });
      expect(stale.statusCode).toBe(409);
      const audit = (
        await app.inject({
          method: 'GET',
          url: `/api/audit/mine/${mineId}`,
          headers: { cookie: ent },
        })
      ).json();
      const update = audit.find((a: { type: string }) => a.type === 'registry.mine.updated');
      expect(update.before.approvedUndergroundStaff).toBe(current.approvedUndergroundStaff);
      expect(update.after.approvedUndergroundStaff).toBe(99);
      expect(update.actor).toBe(world.a.users.enterprise_admin);
    });

    it('an edit that resends the unchanged name is accepted; renaming onto a sibling is a 400 on name', async () => {
      const [coal, pond] = world.a.mines;
      const same = await app.inject({
        method: 'PATCH',
        url: `/api/mines/${coal?.id}`,
        headers: { cookie: admin },
        payload: { name: coal?.name, enterpriseId: coal?.enterpriseId },
      });
      expect(same.statusCode).toBe(200);
      // The 灾害防治等级 is set only by a passed 隐蔽致灾因素普查 (modules/surveys), never edited here.
      const grade = await app.inject({
        method: 'PATCH',
        url: `/api/mines/${coal?.id}`,
        headers: { cookie: admin },
        payload: { disasterGrade: '简单' },
      });
      expect(grade.statusCode).toBe(400);
      const clash = await app.inject({
        method: 'PATCH',
        url: `/api/mines/${pond?.id}`,
        headers: { cookie: admin },
        payload: { name: coal?.name },
      });
      expect(clash.statusCode).toBe(400);
      expect(clash.json().details[0]).toMatchObject({
        path: 'name',
        message: '该企业已登记同名矿山',
      });
    });

    it('an enterprise user may not change the standardization level or move the mine', async () => {
      const mineId = world.a.mines[0]?.id ?? '';
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/mines/${mineId}`,
        headers: { cookie: ent },
        payload: { standardizationLevel: '一级' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().details[0].path).toBe('standardizationLevel');
    });

    it('lists filter by kind, status and licence expiry, and paginate stably by cursor', async () => {
      const ponds = (
        await app.inject({
          method: 'GET',
          url: '/api/mines?kind=尾矿库',
          headers: { cookie: admin },
        })
      ).json();
      expect(ponds.items.length).toBeGreaterThan(0);
      expect(ponds.items.every((m: { kind: string }) => m.kind === '尾矿库')).toBe(true);
      // A licence expiring in 30 days (the test clock is 2026-11-22).
      await app.inject({
        method: 'POST',
        url: `/api/mines/${world.a.mines[1]?.id}/licences`,
        headers: { cookie: admin },
        payload: {
          kind: '安全生产许可证',
          number: 'EXP-30',
          issuedOn: '2023-12-22',
          expiresOn: '2026-12-22',
        },
      });
      const expiring = (
        await app.inject({
          method: 'GET',
          url: '/api/mines?licenceExpiringWithinDays=30',
          headers: { cookie: admin },
        })
      ).json();
      expect(expiring.items.map((m: { id: string }) => m.id)).toEqual([world.a.mines[1]?.id]);
      const within29 = (
        await app.inject({
          method: 'GET',
          url: '/api/mines?licenceExpiringWithinDays=29',
          headers: { cookie: admin },
        })
      ).json();
      expect(within29.items).toHaveLength(0);
      const all = (
        await app.inject({ method: 'GET', url: '/api/mines?limit=500', headers: { cookie: admin } })
      ).json();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/mines?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await app.inject({ method: 'GET', url, headers: { cookie: admin } })).json();
        seen.push(...page.items.map((m: { id: string }) => m.id));
        cursor = page.nextCursor;
        // A mine inserted before the cursor mid-way must not shift later pages (keyset pagination).
        if (seen.length === 2) {
          await app.inject({
            method: 'POST',
            url: '/api/mines',
            headers: { cookie: admin },
            payload: { ...validMine(), name: '0000 排在最前的矿' },
          });
        }
      } while (cursor);
      expect(seen).toEqual(all.items.map((m: { id: string }) => m.id));
      const bad = await app.inject({
        method: 'GET',
        url: '/api/mines?cursor=garbage',
        headers: { cookie: admin },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].path).toBe('cursor');
    });

    it('exports the filtered list as CSV and xlsx that can be read back', async () => {
      const csv = await app.inject({
        method: 'GET',
        url: '/api/mines/export?format=csv&kind=煤矿井工',
        headers: { cookie: admin },
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body).toContain('矿山名称');
      expect(csv.body).toContain(world.a.mines[0]?.name);
      expect(csv.body).not.toContain(world.a.mines[1]?.name); // the pond is filtered out
      const xlsx = await app.inject({
        method: 'GET',
        url: '/api/mines/export?format=xlsx',
        headers: { cookie: admin },
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const names = wb.worksheets[0]?.getColumn(2).values.slice(2);
      expect(names).toContain(world.a.mines[0]?.name);
    });
  });

  describe('import', () => {
    const header =
      '矿山名称,统一社会信用代码,企业名称,县级行政区划代码,矿山类型,规模,状态,状态起始日期,开采深度(m),边坡高度(m),采矿许可证号,采矿许可证发证日期,采矿许可证有效期至';
    const good = (name: string, code: string) =>
      `${name},${code},导入企业,140981,金属非金属地下矿山,小型,生产,2025-01-01,210,,CK-${name},2021-01-01,2031-01-01`;

    it('reports every bad row and field and writes nothing by default', async () => {
      const before = await counts(t);
      const code = creditCodeFor('140981');
      const csv = [
        header,
        good('导入甲矿', code),
        `导入乙矿,${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'},导入企业,140981,金属非金属地下矿山,小型,生产,2025-01-01,210,,,,`,
        `导入丙矿,${code},导入企业,999999,金属非金属地下矿山,巨型,生产,2025-13-01,abc,,,,`,
        `导入丁矿,${code},导入企业,140981,金属非金属地下矿山,小型,生产,2025-01-01,,50,,,`,
      ].join('\n');
      const res = await app.inject({
        method: 'POST',
        url: '/api/mines/import',
        headers: { cookie: admin, ...multipart('m.csv', csv).headers },
        payload: multipart('m.csv', csv).payload,
      });
      expect(res.statusCode).toBe(422);
      const details = res.json().details as { row: number; path: string }[];
      expect(details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 3, path: '统一社会信用代码' }),
          expect.objectContaining({ row: 4, path: '县级行政区划代码' }),
          expect.objectContaining({ row: 5, path: '开采深度(m)' }),
          expect.objectContaining({ row: 5, path: '边坡高度(m)' }),
        ]),
      );
      expect(details.some((d) => d.row === 2)).toBe(false);
      expect(await counts(t)).toEqual(before);
    });

    it('reports each field of a row with several problems (scale, date, number)', async () => {
      const code = creditCodeFor('140981');
      const csv = [
        header,
        `导入戊矿,${code},导入企业,140981,金属非金属地下矿山,巨型,生产,2025-13-01,abc,,,,`,
      ].join('\n');
      const res = await app.inject({
        method: 'POST',
        url: '/api/mines/import?dryRun=true&mode=valid-only',
        headers: { cookie: admin, ...multipart('m.csv', csv).headers },
        payload: multipart('m.csv', csv).payload,
      });
      expect(res.statusCode).toBe(200);
      const paths = (res.json().errors as { path: string }[]).map((e) => e.path).sort();
      expect(paths).toEqual(['开采深度(m)', '状态起始日期', '规模'].sort());
    });

    it('writes only the valid rows when asked, creating the named enterprise once', async () => {
      const before = await counts(t);
      const code = creditCodeFor('140981');
      const csv = [
        header,
        good('导入庚矿', code),
        good('导入辛矿', code),
        `导入壬矿,${code},导入企业,140981,排土场,小型,生产,2025-01-01,,,,,`,
      ].join('\n');
      const res = await app.inject({
        method: 'POST',
        url: '/api/mines/import?mode=valid-only',
        headers: { cookie: admin, ...multipart('m.csv', csv).headers },
        payload: multipart('m.csv', csv).payload,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        totalRows: 3,
        validRows: 3,
        written: 3,
        enterprisesCreated: 1,
      });
      const after = await counts(t);
      expect(after?.mines).toBe((before?.mines ?? 0) + 3);
      expect(after?.enterprises).toBe((before?.enterprises ?? 0) + 1);
    });

    it('reads xlsx files, dates as cells', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('矿山');
      ws.addRow(header.split(','));
      ws.addRow([
        '导入癸矿',
        creditCodeFor('140981'),
        '导入二企业',
        '140981',
        '金属非金属地下矿山',
        '小型',
        '生产',
        new Date('2025-02-03T00:00:00Z'),
        150,
        null,
        'CK-X1',
        new Date('2021-01-01T00:00:00Z'),
        new Date('2031-01-01T00:00:00Z'),
      ]);
      const data = Buffer.from(await wb.xlsx.writeBuffer());
      const mp = multipart(
        'm.xlsx',
        data,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/mines/import',
        headers: { cookie: admin, ...mp.headers },
        payload: mp.payload,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().written).toBe(1);
      const list = (
        await app.inject({
          method: 'GET',
          url: '/api/mines?q=导入癸矿',
          headers: { cookie: admin },
        })
      ).json();
      expect(list.items[0]).toMatchObject({ statusSince: '2025-02-03', depthM: 150 });
    });

    it.each([
      ['a binary file', Buffer.from([0, 1, 2, 3, 0, 255]), /空字符|UTF-8/],
      ['unknown columns', '矿山名称,颜色\nx,红', /未知的列: 颜色/],
      ['a header only', `${header}\n`, /没有数据行/],
      ['a broken xlsx', Buffer.concat([Buffer.from('PK'), Buffer.alloc(50, 1)]), /xlsx/],
    ])('refuses %s with a 400 naming the file', async (_n, content, pattern) => {
      const before = await counts(t);
      const mp = multipart('m.csv', content);
      const res = await app.inject({
        method: 'POST',
        url: '/api/mines/import',
        headers: { cookie: admin, ...mp.headers },
        payload: mp.payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(pattern);
      expect(await counts(t)).toEqual(before);
    });
  });

  describe('people', () => {
    it('stores the ID number protected and only ever returns it masked', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/people',
        headers: { cookie: ent },
        payload: {
          mineId: world.a.mines[0]?.id,
          name: '李四',
          roles: ['总工程师'],
          idNumber: '11010519491231002X',
          education: '本科',
          miningYears: 15,
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().idNumberMasked).toBe('1101**********002X');
      expect(res.body).not.toContain('11010519491231002X');
      const raw = await queryRows(t.database.db, sql`SELECT * FROM people WHERE name = '李四'`);
      expect(JSON.stringify(raw)).not.toContain('11010519491231002X');
      const bad = await app.inject({
        method: 'POST',
        url: '/api/people',
        headers: { cookie: ent },
        payload: {
          mineId: world.a.mines[0]?.id,
          name: '王五',
          roles: ['矿长'],
          idNumber: '110105194912310021',
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].path).toBe('body.idNumber');
    });
  });
});
