/** @module 应急准备与培训 rows → API shapes (rows never leave unpresented). */
import type {
  EmergencyFindingResponse,
  EmergencyRegisterResponse,
  ExamResponse,
} from '../../../shared/emergency.schemas.ts';
import {
  emergencyFindings,
  type EmergencyFinding,
  type EmergencyRules,
} from '../../../shared/emergency.ts';
import { undergroundKinds } from '../../../shared/registry.enums.ts';
import type { MineStateRow, Registers } from './emergency.repository.ts';
import type { inspectionExams } from './emergency.table.ts';

const filed = (r: { id: string; filedLabel: string; createdAt: Date }) => ({
  id: r.id,
  filedBy: r.filedLabel,
  createdAt: r.createdAt.toISOString(),
});

/** The rule's findings of a mine state row on a date. */
export function findingsOfRow(
  rules: EmergencyRules,
  m: MineStateRow,
  date: string,
): EmergencyFinding[] {
  return emergencyFindings(
    rules,
    {
      countyCode: m.county_code,
      underground: undergroundKinds.includes(m.kind),
      lastPlanOn: m.last_plan_on,
      lastDrillOn: m.last_drill_on,
      lastReverseAirOn: m.last_reverse_air_on,
      rescueValidUntil: m.rescue_valid_until,
      lastSelfRescueOn: m.last_self_rescue_on,
      people: Number(m.people),
      shortOfHoursLastYear: Number(m.short_of_hours),
      posts: Number(m.posts),
      postsComplete: Number(m.posts_complete),
    },
    date,
  );
}

export function presentFinding(m: MineStateRow, f: EmergencyFinding): EmergencyFindingResponse {
  return {
    mineId: m.id,
    mineName: m.name,
    countyName: m.county_name,
    rule: f.rule,
    dueOn: f.dueOn,
    message: f.message,
    source: f.source,
  };
}

/** Hours per person in a calendar year, from the sessions they attended. */
function hoursIn(r: Registers, year: string) {
  const out = new Map<string, number>();
  for (const t of r.trainings.filter((x) => x.trainedOn.startsWith(year))) {
    for (const id of t.personIds) {
      out.set(id, (out.get(id) ?? 0) + t.hours);
    }
  }
  return out;
}

export function presentRegister(
  mine: { id: string; name: string; underground: boolean },
  r: Registers,
  people: { id: string; name: string }[],
  rules: EmergencyRules,
  date: string,
  findings: EmergencyFindingResponse[],
): EmergencyRegisterResponse {
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const year = date.slice(0, 4);
  const thisYear = hoursIn(r, year);
  const lastYear = hoursIn(r, String(Number(year) - 1));
  return {
    mineId: mine.id,
    mineName: mine.name,
    underground: mine.underground,
    date,
    plans: r.plans.map((p) => ({
      ...filed(p),
      title: p.title,
      revisedOn: p.revisedOn,
      note: p.note,
    })),
    drills: r.drills.map((d) => ({
      ...filed(d),
      kind: d.kind,
      drilledOn: d.drilledOn,
      participants: d.participants,
      findings: d.findings,
    })),
    agreements: r.agreements.map((a) => ({
      ...filed(a),
      kind: a.kind as EmergencyRegisterResponse['agreements'][number]['kind'],
      teamName: a.teamName,
      signedOn: a.signedOn,
      validUntil: a.validUntil,
      inForce: a.signedOn <= date && date <= a.validUntil,
    })),
    trainings: r.trainings.map((t) => ({
      ...filed(t),
      trainedOn: t.trainedOn,
      topic: t.topic,
      hours: t.hours,
      attendees: t.personIds.map((id) => nameOf.get(id) ?? '已离职人员'),
    })),
    hours: {
      required: rules.trainingHoursPerYear,
      people: people.map((p) => ({
        personId: p.id,
        name: p.name,
        thisYear: thisYear.get(p.id) ?? 0,
        lastYear: lastYear.get(p.id) ?? 0,
      })),
    },
    practices: r.practices.map((s) => ({
      ...filed(s),
      practisedOn: s.practisedOn,
      limitSeconds: rules.selfRescueSeconds,
      results: s.results,
    })),
    postCards: r.cards.map((c) => ({
      ...filed(c),
      post: c.post,
      riskListOn: c.riskListOn,
      dutyListOn: c.dutyListOn,
      operationCardOn: c.operationCardOn,
      emergencyCardOn: c.emergencyCardOn,
      complete: [c.riskListOn, c.dutyListOn, c.operationCardOn, c.emergencyCardOn].every(
        (d) => d !== null && d <= date,
      ),
    })),
    findings,
  };
}

export function presentExam(e: typeof inspectionExams.$inferSelect): ExamResponse {
  return {
    id: e.id,
    examinedOn: e.examinedOn,
    personId: e.personId,
    name: e.name,
    post: e.post,
    score: e.score,
    passed: e.passed,
    examiner: e.filedLabel,
  };
}
