/**
 * An API error shown on a form: field errors beside their fields, anything else as a message.
 * Returns whether field errors were set.
 */
import type { FormInstance } from 'antd';
import { fieldErrors } from '../app/api.ts';

export function reportFormError(
  form: FormInstance,
  error: unknown,
  showMessage: (text: string) => void,
): boolean {
  const errors = fieldErrors(error);
  form.setFields(errors.map((f) => ({ name: f.name, errors: f.errors })));
  if (!errors.length) {
    showMessage((error as Error).message);
  }
  return errors.length > 0;
}

/**
 * The form's values once every field passes its rules, or null: a form with missing or wrong fields
 * shows them beside the fields, which is all there is to report (no rejection left uncaught).
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
