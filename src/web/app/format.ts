/** Shows any value as text: primitives as they are, objects as JSON, nothing as an empty string. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) {
    return '';
  }
  if (typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
    return v.toString();
  }
  return JSON.stringify(v);
}
