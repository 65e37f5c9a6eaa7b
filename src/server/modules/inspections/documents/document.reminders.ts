/**
 * @module 智能提醒 of an enforcement document (issue 7 §4; 《2024年矿山安全生产工作要点》第43条), pure:
 * required fields still empty, team members yet to sign, and the inspection's deadlines coming within
 * a week or passed.
 */
import type { DocumentTemplate } from '../../../../shared/inspections.enums.ts';
import type { DocumentReminderResponse } from '../../../../shared/inspection-documents.schemas.ts';
import { addDays } from '../../../../shared/dates.ts';
import type { DatedDeadline } from './document.repository.ts';
import { missingFields } from './document.templates.ts';

/** Days ahead in which a deadline is reminded of. */
export const reminderHorizonDays = 7;

/** The reminders of a document's head revision on `today`. */
export function remindersOf(
  today: string,
  template: DocumentTemplate,
  fields: Record<string, string>,
  unsigned: readonly { name: string }[],
  deadlines: readonly DatedDeadline[],
): DocumentReminderResponse[] {
  const horizon = addDays(today, reminderHorizonDays);
  const out: DocumentReminderResponse[] = [];
  for (const m of missingFields(template, fields)) {
    out.push({ kind: 'missing', field: m.key, message: `${m.label} 未填写` });
  }
  for (const t of unsigned) {
    out.push({ kind: 'unsigned', message: `${t.name} 尚未签名` });
  }
  for (const d of deadlines) {
    if (d.done) {
      continue;
    }
    if (d.day < today) {
      out.push({ kind: 'overdue', message: `${d.what} 已于 ${d.day} 到期` });
    } else if (d.day <= horizon) {
      out.push({ kind: 'deadline', message: `${d.what} 将于 ${d.day} 到期` });
    }
  }
  return out;
}
