/**
 * The eight working lists (hazards, alarms, accidents, inspections, penalties, risk table, 举报 cases,
 * leads): a search narrows each list, a bad filter value is a 400 naming the field, and each list's
 * xlsx export holds exactly the rows of the filtered list (read back with the platform's tabular
 * reader), with names rather than codes, and nothing of another county.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/server/platform/tabular/read-table.ts';
import { createTestApp } from '../helpers/app.ts';
import { createWorldDatabase, engines, type TestDatabase } from '../helpers/test-database.ts';
import { loginAll, type World } from '../helpers/world.ts';

/** One list: its URL, its export's URL, how to read its items, and the column that names the mine. */
interface ListSpec {
  name: string;
  list: string;
  exportUrl: string;
  items: (body: unknown) => { name: string }[];
  /** What county A's rows are searched by, and the column of the export that shows it. */
  search: string;
  column: string;
  /** A field that answers 400 for a bad value. */
  badField: string;
  /** Whether the list takes a region filter (the 举报 board is the handling unit's own). */
  regional: boolean;
}

type Named = { mineName?: string | null; location?: string };
const named = (xs: Named[]) => xs.map((x) => ({ name: String(x.mineName ?? x.location ?? '') }));
const page = (b: unknown) => named((b as { items: Named[] }).items);
const array = (b: unknown) => named(b as Named[]);

const specs: ListSpec[] = [
  {
    name: 'hazards',
    list: '/api/hazards',
    exportUrl: '/api/hazards/export',
    items: page,
    search: 'a煤矿',
    column: '矿山',
    badField: 'from',
    regional: true,
  },
  {
    name: 'alarms',
    list: '/api/alarms',
    exportUrl: '/api/alarms/export',
    items: array,
    search: 'a煤矿',
    column: '矿山',
    badField: 'from',
    regional: true,
  },
  {
    name: 'accidents',
    list: '/api/accidents',
    exportUrl: '/api/accidents/export',
    items: array,
    search: 'a尾矿库',
    column: '矿山',
    badField: 'grade',
    regional: true,
  },
  {
    name: 'inspections',
    list: '/api/inspections',
    exportUrl: '/api/inspections/export',
    items: page,
    search: 'a煤矿',
    column: '矿山',
    badField: 'from',
    regional: true,
  },
  {
    name: 'penalties',
    list: '/api/penalties',
    exportUrl: '/api/penalties/export',
    items: page,
    search: 'a煤矿',
    column: '矿山',
    badField: 'status',
    regional: true,
  },
  {
    name: 'risk table',
    list: '/api/inspections/risk',
    exportUrl: '/api/inspections/risk/export',
    items: array,
    search: 'a煤矿',
    column: '矿山',
    badField: 'region',
    regional: true,
  },
  {
    name: '举报 cases',
    list: '/api/public-reports',
    exportUrl: '/api/public-reports/export',
    items: array,
    search: 'a: 举报地点',
    column: '地点',
    badField: 'to',
    regional: false,
  },
  {
    name: 'leads',
    list: '/api/leads',
    exportUrl: '/api/leads/export',
    items: page,
    search: 'a煤矿',
    column: '矿山',
    badField: 'from',
    regional: true,
  },
];

describe.each(engines)('searchable, filterable and exportable lists (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  const cookies: Record<string, string> = {};

  const get = (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
  const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

  /** The export's rows as header → cell, read with the platform's reader. */
  async function exported(who: string, url: string) {
    const res = await get(who, url);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const table = await readTable(res.rawPayload, 'xlsx', 100_000);
    return table;
  }

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    Object.assign(
      cookies,
      await loginAll(app, {
        a: world.a.users.regulator_admin,
        b: world.b.users.regulator_admin,
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  describe.each(specs)('$name', (spec) => {
    it('a search finds county A rows by name, and a search for nothing finds none', async () => {
      const all = await get('a', spec.list);
      expect(all.statusCode, all.body.slice(0, 300)).toBe(200);
      const found = await get('a', spec.list + q({ q: spec.search }));
      expect(found.statusCode, found.body.slice(0, 300)).toBe(200);
      const rows = spec.items(found.json());
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.name.includes(spec.search))).toBe(true);
      // The search narrows: county A holds rows of other mines (a2's) that it leaves out.
      expect(spec.items(all.json()).length).toBeGreaterThan(rows.length);
      const none = await get('a', spec.list + q({ q: '没有这样的矿山' }));
      expect(spec.items(none.json())).toEqual([]);
    });

    it('answers 400 naming the field for a bad filter value', async () => {
      const res = await get('a', spec.list + q({ [spec.badField]: 'nonsense' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(spec.badField);
      const exp = await get('a', spec.exportUrl + q({ [spec.badField]: 'nonsense' }));
      expect(exp.statusCode).toBe(400);
    });

    it('exports the filtered rows as xlsx with Chinese headers and names, not codes', async () => {
      const listed = spec.items((await get('a', spec.list + q({ q: spec.search }))).json());
      const table = await exported('a', spec.exportUrl + q({ q: spec.search, format: 'xlsx' }));
      expect(table.headers).toContain(spec.column);
      expect(table.rows.map((r) => String(r.cells[spec.column]))).toEqual(
        listed.map((r) => r.name),
      );
      const county = table.headers.find((h) => h === '县区');
      if (county) {
        expect(table.rows.every((r) => r.cells[county] === '原平市')).toBe(true);
      }
      // No internal ids or region codes in any cell.
      const cells = table.rows.flatMap((r) => Object.values(r.cells).map(String));
      expect(cells.filter((c) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(c) || /^\d{6}$/.test(c))).toEqual(
        [],
      );
      // Unfiltered, the export holds as many rows as the list.
      const all = spec.items((await get('a', spec.list)).json());
      expect((await exported('a', `${spec.exportUrl}?format=xlsx`)).rows).toHaveLength(all.length);
    });

    it("does not export another county's rows", async () => {
      const mine = await exported('b', `${spec.exportUrl}?format=xlsx`);
      const names = mine.rows.map((r) => String(r.cells[spec.column]));
      expect(names.length).toBeGreaterThan(0);
      expect(names.some((n) => n.startsWith('a'))).toBe(false);
      const searched = await exported('b', spec.exportUrl + q({ q: spec.search }));
      expect(searched.rows).toEqual([]);
      if (!spec.regional) {
        return;
      }
      const other = await get('b', spec.exportUrl + q({ region: world.a.county }));
      if (other.statusCode === 200) {
        expect((await readTable(other.rawPayload, 'xlsx', 100_000)).rows).toEqual([]);
      } else {
        expect(other.statusCode).toBe(404);
      }
    });
  });
});
