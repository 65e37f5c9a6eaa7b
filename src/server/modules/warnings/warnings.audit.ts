/** @module The audit events of regulators' warnings, written inside each change's transaction. */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const warningsAuditEvents = {
  /** A regulator issued a warning to the mines of a region (the mines called are in `after`). */
  'warnings.issued': 'regulator_warning',
  /** A mine acknowledged the warning's call (叫应). */
  'warnings.call.acknowledged': 'warning_call',
  /** A mine reported its response: people withdrawn, when, measures (回应). */
  'warnings.call.responded': 'warning_call',
  /** Nobody at the mine acknowledged within the step's time: the next step of warnings.callPolicy was called. */
  'warnings.call.escalated': 'warning_call',
} as const satisfies AuditEventCatalogue;

export const recordAudit = auditRecorder(warningsAuditEvents);
