/**
 * @module What no page or document may show (issue 23 §5), as a pure check over the text a person sees:
 * a reference to a source file instead of a document (the word seed and a file number), a raw GB/T 2260 region code where a
 * name belongs, the system's actor labels (system:escalation …), role keys (regulator_admin …), usernames
 * instead of display names, durations counted in hundreds of minutes; and, over form fields, UUIDs.
 */

/** One thing found: which rule, and the words around it. */
export interface Finding {
  rule: string;
  excerpt: string;
}

/** What a check knows of the deployment: its region codes and the usernames people sign in with. */
export interface CodeContext {
  regionCodes: ReadonlySet<string>;
  usernames: readonly string[];
  /** Rules that do not apply on this page (e.g. region codes on the 行政区划 reference page). */
  allow?: readonly string[];
}

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const roleKeys =
  /\b(regulator_admin|regulator_viewer|enterprise_admin|safety_officer|mine_duty_officer|system_admin)\b/g;
const systemLabels = /(?<![\w/])(system|cli|mqtt|test|accident|link):(?!\/)[^\s·,，;；()（）]+/g;
const seedRefs = /seeds?[\s_/-]*0\d*/gi;
const minutes = /(?<![\d.])\d{3,}\s*(min|分钟)(?![a-z])/gi;
const sixDigits = /(?<![\dA-Za-z])\d{6}(?![\dA-Za-z])/g;

function around(text: string, index: number, length: number): string {
  return text
    .slice(Math.max(0, index - 30), index + length + 30)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Everything in a page's or document's text that shows an internal code or reference. */
export function findInternalCodes(text: string, ctx: CodeContext): Finding[] {
  const allow = new Set(ctx.allow ?? []);
  const out: Finding[] = [];
  const scan = (rule: string, re: RegExp, keep: (m: RegExpMatchArray) => boolean = () => true) => {
    if (allow.has(rule)) {
      return;
    }
    for (const m of text.matchAll(re)) {
      if (keep(m)) {
        out.push({ rule, excerpt: around(text, m.index, m[0].length) });
      }
    }
  };
  scan('seed reference', seedRefs);
  // A province's code (XX0000) is also a round amount (130000 t/a, 220000 元): it counts only where it
  // stands beside a name in brackets, as in 山西省（140000）.
  scan(
    'region code',
    sixDigits,
    (m) =>
      ctx.regionCodes.has(m[0]) &&
      (!m[0].endsWith('0000') || /[(（]\s*$/.test(text.slice(0, m.index ?? 0).slice(-2))),
  );
  scan('system label', systemLabels);
  scan('role key', roleKeys);
  scan('minutes count', minutes);
  for (const name of ctx.usernames) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    scan('username', new RegExp(`(?<![\\w.])${escaped}(?![\\w.])`, 'g'));
  }
  return out;
}

/** The form fields (by label or name) whose value is a UUID. */
export function uuidFields(fields: { field: string; value: string }[]): Finding[] {
  return fields
    .filter((f) => UUID.test(f.value))
    .map((f) => ({ rule: 'UUID in a form field', excerpt: `${f.field}: ${f.value}` }));
}
