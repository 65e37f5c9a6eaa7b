/**
 * @module Runs every lead rule over one mine's frame (pure; the job, the evaluation set and the
 * benchmark all call this).
 */
import type { DetectedRule } from '../../../../shared/leads.enums.ts';
import type { LeadRules } from './lead-rules.model.ts';
import { falsifiedMonitoring } from './falsified.rule.ts';
import type { Finding, MineFrame } from './frame.ts';
import { hiddenFace } from './hidden-face.rule.ts';
import { inspectionDodge } from './inspection-dodge.rule.ts';
import { overCapacity } from './over-capacity.rule.ts';
import { overStaffing } from './over-staffing.rule.ts';
import { stoppedButWorking } from './stopped.rule.ts';

export const ruleFunctions: Record<
  DetectedRule,
  (frame: MineFrame, rules: LeadRules) => Finding[]
> = {
  明停暗开: stoppedButWorking,
  隐蔽工作面: hiddenFace,
  超定员: overStaffing,
  超能力: overCapacity,
  监控造假: falsifiedMonitoring,
  停产迎检: inspectionDodge,
};

export function evaluateMine(frame: MineFrame, rules: LeadRules): Finding[] {
  return Object.values(ruleFunctions).flatMap((rule) => rule(frame, rules));
}
