/**
 * The demo province's hazards and inspections read true (issue 23 §9): every hazard — the seeded ledger
 * and the major hazards the demo inspections found — is under a criterion of its mine's kind, and no
 * criterion, description, location or checklist uses words foreign to that kind (no 浸润线 at a coal
 * mine, no 瓦斯 at a limestone pit, no 井下 at a tailings pond); nor do the demo's accidents, and no
 * accident or 举报 reads as a placeholder (演示地点, 演示数据).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { hazardCriteria, hazards } from '../modules/hazards/hazard.table.ts';
import {
  inspectionFindings,
  inspections,
} from '../modules/inspections/records/inspection.table.ts';
import { mines } from '../modules/registry/mine.table.ts';
import { people } from '../modules/registry/person.table.ts';
import { contractors } from '../modules/registry/contractor.table.ts';
import { contractorStaff } from '../modules/registry/contractor-staff.table.ts';
import { accidents } from '../modules/accountability/accident.table.ts';
import { publicReports } from '../modules/accountability/public-report.table.ts';
import { MineKind, type MineKind as Kind } from '../../shared/registry.enums.ts';
import { demoHazardTexts, foreignTerms } from './demo-hazard-texts.ts';

/** The foreign terms a text uses at a mine of `kind`, e.g. ['浸润线'] at a coal mine. */
function misfits(kind: Kind, text: string): string[] {
  return foreignTerms
    .filter((f) => !f.kinds.includes(kind) && text.includes(f.term))
    .map((f) => f.term);
}

describe('the demo hazard texts', () => {
  it('write no kind’s words at another kind', () => {
    for (const [kind, criteria] of Object.entries(demoHazardTexts) as [
      Kind,
      (typeof demoHazardTexts)[Kind],
    ][]) {
      for (const c of criteria) {
        for (const [description, location] of c.findings) {
          expect(misfits(kind, `${description} ${location}`), `${kind}: ${description}`).toEqual(
            [],
          );
        }
      }
    }
  });

  it('tell a foreign word when there is one', () => {
    expect(misfits(MineKind.CoalUnderground, '初期坝坝顶浸润线埋深不足')).toEqual(['浸润线', '坝']);
    expect(misfits(MineKind.OpenPitMetal, '工作面瓦斯超限')).toEqual(['瓦斯', '工作面']);
    expect(misfits(MineKind.TailingsPond, '初期坝坝顶浸润线埋深不足')).toEqual([]);
  });
});

describe.each(engines)('demo hazards and inspections (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('files every hazard under a criterion of its mine’s kind, in words of that kind', async () => {
    const rows = await t.deps.db
      .select({
        kind: mines.kind,
        applies: hazardCriteria.applicableKinds,
        criterion: hazardCriteria.text,
        description: hazards.description,
        location: hazards.location,
      })
      .from(hazards)
      .innerJoin(mines, eq(mines.id, hazards.mineId))
      .innerJoin(hazardCriteria, eq(hazardCriteria.id, hazards.criterionId));
    // The seeded ledger (about 60) and the majors of the demo inspections.
    expect(rows.length).toBeGreaterThan(60);
    expect(new Set(rows.map((r) => r.kind)).size).toBe(6);
    for (const r of rows) {
      const text = `${r.criterion} ${r.description} ${r.location ?? ''}`;
      expect(r.applies, text).toContain(r.kind);
      expect(misfits(r.kind, text), `${r.kind}: ${text}`).toEqual([]);
    }
    // Nothing generic: each hazard says what was found.
    expect(rows.filter((r) => r.description === '执法检查发现重大事故隐患')).toEqual([]);
  });

  it('inspects each kind of mine for that kind: checklist, findings and places', async () => {
    const rows = await t.deps.db
      .select({
        kind: mines.kind,
        checklist: sql<string>`${inspections.checklist}::text`,
        findings: sql<string>`coalesce(string_agg(${inspectionFindings.description} || ' ' || ${inspectionFindings.location}, '；'), '')`,
      })
      .from(inspections)
      .innerJoin(mines, eq(mines.id, inspections.mineId))
      .leftJoin(inspectionFindings, eq(inspectionFindings.inspectionId, inspections.id))
      .groupBy(inspections.id, mines.kind);
    expect(rows.length).toBeGreaterThan(20);
    expect(new Set(rows.map((r) => r.kind)).size).toBeGreaterThan(3);
    for (const r of rows) {
      const text = `${r.checklist} ${r.findings}`;
      expect(misfits(r.kind, text), `${r.kind}: ${text}`).toEqual([]);
    }
  });

  it('tells each accident as it happens at that kind of mine, and each 举报 as a citizen writes it; no name reads 演示', async () => {
    const told = await t.deps.db
      .select({ kind: mines.kind, place: accidents.place, description: accidents.description })
      .from(accidents)
      .innerJoin(mines, eq(mines.id, accidents.mineId));
    expect(told.length).toBeGreaterThan(10);
    for (const a of told) {
      const text = `${a.place} ${a.description}`;
      expect(misfits(a.kind, text), `${a.kind}: ${text}`).toEqual([]);
      expect(text).not.toMatch(/演示/);
    }
    const reports = await t.deps.db
      .select({ location: publicReports.location, content: publicReports.content })
      .from(publicReports);
    expect(reports.length).toBeGreaterThan(5);
    for (const r of reports) {
      expect(`${r.location} ${r.content}`).not.toMatch(/演示/);
    }
    // Nor do the people, firms and mines the 合规 pages plant (they read as any other).
    const names = [
      ...(await t.deps.db.select({ name: people.name }).from(people)),
      ...(await t.deps.db.select({ name: contractors.name }).from(contractors)),
      ...(await t.deps.db.select({ name: contractorStaff.name }).from(contractorStaff)),
      ...(await t.deps.db.select({ name: mines.name }).from(mines)),
    ].map((r) => r.name);
    expect(names.filter((n) => n.includes('演示'))).toEqual([]);
  });
});
