/**
 * @module What an editable rule parameter is: key, schema, default, source and verified flag. Each module
 * defines its own (`<module>.settings.ts`) and lists them in its manifest; the settings service reads
 * and changes them by definition, so a read is typed by the definition's schema.
 */
import type { z } from 'zod';

export interface SettingDefinition<T = unknown> {
  /** `<module>.<name>`, the key stored in the settings table and shown to the system admin. */
  key: string;
  schema: z.ZodType<T>;
  /** The value in force until a system admin stores another. */
  default: T;
  /** Where the value comes from: the document and clause, or why it is a minewatch default. */
  source: string;
  /** Whether the default is a verified fact (false: UNVERIFIED, to be checked by each regulator). */
  verified: boolean;
  /** What the parameter governs, in Chinese, for the settings page. */
  description: string;
}

/** A setting definition with its key. */
export function defineSetting<T>(
  key: string,
  definition: Omit<SettingDefinition<T>, 'key'>,
): SettingDefinition<T> {
  return { key, ...definition };
}
