/**
 * @module The enums of the 攻坚清单 (issue 8): task kinds and states, how a periodic report was made, and
 * how an indicator is measured against its goal. Stored values are Chinese, as in the plan texts.
 */

/** 一次性 tasks end at their deadline; 持续推动 tasks run on (a deadline, when given, is a milestone). */
export const taskKinds = ['一次性', '持续推动'] as const;
export type TaskKind = (typeof taskKinds)[number];

/** A task's state, from its latest progress percent and whether any progress was reported. */
export const TaskState = { NotStarted: '未开始', InProgress: '进行中', Done: '已完成' } as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];
export const taskStates = Object.values(TaskState) as [TaskState, ...TaskState[]];

/** How a periodic report was made: by the scheduler (定时) or on demand (手动). */
export const PeriodicReportTrigger = { Scheduled: '定时', OnDemand: '手动' } as const;
export type PeriodicReportTrigger =
  (typeof PeriodicReportTrigger)[keyof typeof PeriodicReportTrigger];
export const periodicReportTriggers = Object.values(PeriodicReportTrigger) as [
  PeriodicReportTrigger,
  ...PeriodicReportTrigger[],
];

/** 'share': Σn / Σd in percent; 'change': (Σn − Σd) / Σd in percent. */
export const indicatorMeasures = ['share', 'change'] as const;
export type IndicatorMeasure = (typeof indicatorMeasures)[number];

/** Whether a target is met at or above its goal, or at or below it. */
export const indicatorDirections = ['atLeast', 'atMost'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];
