/**
 * @module The one runner of the escalation ladders (overdue hazards, missing monthly and quarterly
 * reports, overdue 攻坚 tasks, overdue 举报 steps): for each subject, in its own transaction, it claims
 * the steps that fell due (claimSteps, so each runs once across restarts and processes), and for each
 * claimed step writes the module's own record, notifies the recipients and audits — all committed
 * together. A module supplies only its subjects, their due steps, the recipients, the notice and its
 * audit recorder.
 */
import type { AuditActor } from '../audit/audit.events.ts';
import type { ServiceDeps } from '../context.ts';
import type { Db } from '../db/client.ts';
import { claimSteps } from './escalation.service.ts';

/** Who acts when a ladder climbs (the audit trail's actor of every escalation). */
export const escalationActor: AuditActor = {
  actorId: null,
  actorLabel: 'system:escalation',
  ip: null,
};

/** A step as the runner claims it: its name and the day it fell due. */
export interface EscalationStep {
  step: string;
  dueOn: string;
}

/** A user told of a step. */
export interface EscalationRecipient {
  id: string;
  username: string;
  displayName: string;
}

/** What a notification of a step says; its subject is the escalated one. */
export interface EscalationNotice {
  title: string;
  body: string;
}

/** Writes the notifications of one step (notifications' notifyUsers), in the step's transaction. */
export type EscalationNotifier = (
  tx: Db,
  recipients: EscalationRecipient[],
  n: { subjectType: string; subjectId: string } & EscalationNotice,
  at: Date,
) => Promise<number>;

/** One module's ladder: everything the runner does not know. */
export interface EscalationLadder<S extends { id: string }, T extends EscalationStep> {
  /** The subject type the steps are kept under (`hazard`, `work_task` …); never renamed once stored. */
  subjectType: string;
  /** The subject's steps that have fallen due by now (claimed ones are skipped by the runner). */
  dueSteps(subject: S): T[];
  /** Who is told of a claimed step, read in its transaction. */
  recipients(tx: Db, subject: S, step: T): Promise<EscalationRecipient[]>;
  /** The notification of a claimed step. */
  notice(subject: S, step: T): EscalationNotice;
  /**
   * What the notification links to, when not the subject itself (a 约谈 commitment's step links to its
   * hazard); by default the subject under `subjectType`.
   */
  noticeSubject?(subject: S): { subjectType: string; subjectId: string };
  /** Writes the notifications (the notifications module's notifyUsers). */
  notify: EscalationNotifier;
  /** The module's own record of a claimed step (e.g. a hazard's timeline), before it is notified. */
  record?(tx: Db, subject: S, step: T, at: Date): Promise<void>;
  /** The module's audit event of a claimed step, told how many were notified. */
  audit(tx: Db, at: Date, subject: S, step: T, recipients: number): Promise<void>;
}

/**
 * Climbs a ladder for its subjects: per subject, one transaction that claims the due steps and, for
 * each claimed one, records, notifies and audits. Answers how many subjects climbed and how many steps.
 */
export async function runEscalation<S extends { id: string }, T extends EscalationStep>(
  deps: ServiceDeps,
  ladder: EscalationLadder<S, T>,
  subjects: Iterable<S>,
): Promise<{ subjects: number; steps: number }> {
  let touched = 0;
  let steps = 0;
  for (const subject of subjects) {
    const due = ladder.dueSteps(subject);
    if (due.length === 0) {
      continue;
    }
    const taken = await deps.db.transaction(async (tx) => {
      const at = deps.clock();
      const claimed = await claimSteps(tx, { type: ladder.subjectType, id: subject.id }, due, at);
      for (const step of claimed) {
        await ladder.record?.(tx, subject, step, at);
        const recipients = await ladder.recipients(tx, subject, step);
        await ladder.notify(
          tx,
          recipients,
          {
            ...(ladder.noticeSubject?.(subject) ?? {
              subjectType: ladder.subjectType,
              subjectId: subject.id,
            }),
            ...ladder.notice(subject, step),
          },
          at,
        );
        await ladder.audit(tx, at, subject, step, recipients.length);
      }
      return claimed.length;
    });
    steps += taken;
    touched += taken ? 1 : 0;
  }
  return { subjects: touched, steps };
}
