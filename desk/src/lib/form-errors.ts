import { ApiError } from './api.ts';
import { issueText } from './issue-text.ts';

/** Field path → what is wrong with it; `''` collects what names no field of the form. */
export type FieldErrors = Record<string, string>;

/**
 * Turns a refused request into messages beside a form's fields. `fields` are the dotted paths the
 * form shows (`finalReading.value`, `phones.1.number`, `premise`): an issue goes to the longest of
 * them that is its path or a prefix of it, anything else to `''`. Issues come with 422s and also
 * with the 409s and 404s that are about one field (a taken code, a meter not in stock, no such
 * premise); a 409 without issues is the form's own message. Returns null for anything else, which
 * the caller sends to the error funnel.
 */
export function formErrorsOf(err: unknown, fields: readonly string[]): FieldErrors | null {
  if (!(err instanceof ApiError)) return null;
  const aboutInput = err.code === 'validation_failed' || err.code === 'conflict' || (err.code === 'not_found' && err.issues.length > 0);
  if (!aboutInput) return null;
  const errors: FieldErrors = {};
  for (const issue of err.issues) {
    const field = fieldOf(issue.field, fields);
    const text = issueText(issue.message);
    errors[field] ??= field || !issue.field ? text : `${issue.field}: ${text}`;
  }
  // Nothing could be put beside a field: the form says it in its own box. A conflict's main
  // message says it best; a 422's unplaced issues are more precise than its summary.
  const onFields = Object.keys(errors).some((k) => k !== '');
  if (!onFields && !(err.code === 'validation_failed' && errors[''])) errors[''] = issueText(err.message);
  return errors;
}

function fieldOf(path: string, fields: readonly string[]): string {
  let best = '';
  for (const field of fields) {
    if ((path === field || path.startsWith(`${field}.`)) && field.length > best.length) best = field;
  }
  return best;
}

/** `phones.1.number` → `phones-1-number`: an input id (and the `field-error-<id>` test hook). */
export function idOf(path: string, prefix = ''): string {
  return `${prefix}${path.replace(/\./g, '-')}`;
}
