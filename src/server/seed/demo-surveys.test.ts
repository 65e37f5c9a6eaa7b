/**
 * The demo province's 隐蔽致灾因素普查 (issue 25 §1), on both engines: 原平 has published grades (就高不就低:
 * the mine with an 老窑 factor 极复杂 is 极复杂), a survey out of date (普查过期), a returned and a pending one
 * that publish nothing, and underground mines never surveyed (未普查, 原平第14条: due 2024-06-30).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { listFindings, listSurveys } from '../modules/surveys/survey.service.ts';
import { publicGrades } from '../modules/surveys/survey.public.ts';
import { principal } from './demo-enforcement.ts';

describe.each(engines)('demo surveys (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('files five surveys in 原平: three passed, one returned, one awaiting review', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const states = (await listSurveys(t.deps, yp, {})).map((s) => s.state).sort();
    expect(states).toEqual(['审查通过', '审查通过', '审查通过', '待审查', '退回重查'].sort());
  });

  it('publishes the passed grades only, the highest factor of each (就高不就低)', async () => {
    const list = await publicGrades(t.deps, '140981');
    expect(list.mines.map((m) => m.grade).sort()).toEqual(['中等', '复杂', '极复杂'].sort());
  });

  it('lists the out-of-date survey and the mines never surveyed as findings', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const findings = await listFindings(t.deps, yp, {});
    expect(findings.filter((f) => f.reason === '普查过期')).toHaveLength(1);
    expect(findings.filter((f) => f.reason === '未普查').length).toBeGreaterThan(0);
    expect(findings.find((f) => f.reason === '未普查')?.dueOn).toBe('2024-06-30');
  });
});
