/** @module Duty rows → API shapes (rows never leave unpresented). */
import type {
  DutyMonthResponse,
  DutyRecordResponse,
  ScoreResponse,
} from '../../../shared/duty.schemas.ts';
import type { DutyRecordRow, ScoreRow } from './duty.repository.ts';
import type { LeaderMonth } from './duty.tally.ts';

export function presentRecord(r: DutyRecordRow): DutyRecordResponse {
  const d = r.record;
  return {
    id: d.id,
    mineId: d.mineId,
    mineName: r.mineName,
    personId: d.personId,
    personName: r.personName,
    kind: d.kind,
    dutyOn: d.dutyOn,
    note: d.note,
    filedBy: d.filedLabel,
  };
}

export function presentMonth(m: LeaderMonth): DutyMonthResponse {
  return {
    mineId: m.leader.mineId,
    mineName: m.leader.mineName,
    countyName: m.leader.countyName,
    personId: m.leader.personId,
    personName: m.leader.personName,
    role: m.rule.role,
    month: m.month,
    minDays: m.rule.minDays,
    days: m.days,
    source: m.source,
    short: m.shortfall !== null,
    ruleSource: m.rule.source,
  };
}

export function presentScore(r: ScoreRow): ScoreResponse {
  const s = r.score;
  return {
    id: s.id,
    mineId: s.mineId,
    mineName: r.mineName,
    personId: s.personId,
    personName: r.personName,
    deductedOn: s.deductedOn,
    points: s.points,
    reason: s.reason,
    filedBy: s.filedLabel,
  };
}
