/**
 * @module Leads raised by people rather than by the detection rules: a 举报 its handling unit verified
 * and turned into a lead for the mine (issue 9 §1; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第24条). A mine has at
 * most one open 举报 lead (the leads' own one-open-lead-per-rule key); a later report about the same
 * mine joins it. From there the lead follows the usual 指派 → 核查 → 转隐患 / 转执法 steps.
 */
import { LeadRule, LeadStatus } from '../../../shared/leads.enums.ts';
import { recordAudit } from './leads.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { loadMineForInput } from '../registry/mine.service.ts';
import * as repo from './lead.repository.ts';
import { LeadPermission } from './leads.permissions.ts';

/**
 * Where a 举报 lead ranks among the detected ones (0–100). A product choice, not a regulatory figure:
 * a report verified on site ranks with a strong multi-factor finding.
 */
export const PUBLIC_REPORT_LEAD_SCORE = 70;

export interface RaisedLead {
  mineId: string;
  /** The report's tracking code, kept in the evidence. */
  reportCode: string;
  summary: string;
  /** When the report was received: the start of the lead's window. */
  from: Date;
}

type ReportEvidence = { breaches: unknown[]; reports?: string[] };

/** Opens the mine's 举报 lead, or adds the report to the open one, in the caller's transaction. */
export async function raiseReportLead(
  tx: Db,
  principal: Principal,
  input: RaisedLead,
  at: Date,
): Promise<string> {
  requirePermission(principal, LeadPermission.Handle);
  await loadMineForInput(tx, principal, input.mineId);
  const open = await repo.lockOpenLead(tx, input.mineId, LeadRule.PublicReport);
  let id: string;
  if (open) {
    const evidence = open.evidence as ReportEvidence;
    await repo.updateLeadRow(tx, open.id, {
      windowStart: new Date(Math.min(open.windowStart.getTime(), input.from.getTime())),
      windowEnd: at,
      evidence: { ...evidence, reports: [...(evidence.reports ?? []), input.reportCode] },
      updatedAt: at,
      version: open.version + 1,
    });
    id = open.id;
  } else {
    id =
      (await repo.insertLead(tx, {
        mineId: input.mineId,
        rule: LeadRule.PublicReport,
        status: LeadStatus.New,
        score: PUBLIC_REPORT_LEAD_SCORE,
        windowStart: input.from,
        windowEnd: at,
        summary: input.summary,
        evidence: { breaches: [], reports: [input.reportCode] },
        detectedAt: at,
        updatedAt: at,
      })) ?? '';
  }
  await repo.insertLeadEvent(tx, {
    leadId: id,
    at,
    type: 'reported',
    actor: principal.displayName,
    note: input.summary,
    detail: { report: input.reportCode },
  });
  await recordAudit(tx, actorOf(principal), at, {
    type: 'leads.lead.raised',
    entityId: id,
    after: { rule: LeadRule.PublicReport, mineId: input.mineId, report: input.reportCode },
  });
  return id;
}
