import { ApiError } from '../../lib/api.ts';
import { t, type MessageKey } from '../../lib/i18n.svelte.ts';

/** The user form's fields whose server issues we can say in the user's language. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  username: 'users.invalid.username',
  displayName: 'users.invalid.displayName',
  password: 'users.invalid.password',
  extension: 'users.invalid.extension',
  queues: 'users.invalid.queues',
  role: 'users.invalid.role',
  grants: 'users.invalid.grants',
};

/** Field name → what is wrong with it; `''` collects issues that name no field of the form. */
export type FieldErrors = Record<string, string>;

/**
 * Turns a 422 (or a 409 on the username) into messages beside the fields. Returns null when the
 * error is not about the input, and the caller sends it to the error funnel instead.
 */
export function fieldErrorsOf(err: unknown, fields: readonly string[]): FieldErrors | null {
  if (!(err instanceof ApiError)) return null;
  if (err.code === 'conflict' && fields.includes('username')) return { username: t('users.taken') };
  if (err.code !== 'validation_failed') return null;
  const errors: FieldErrors = {};
  for (const issue of err.issues) {
    // `grants.0` is about the grants field as a whole.
    const field = issue.field.split('.')[0] ?? '';
    const key = FIELD_MESSAGES[field];
    const known = fields.includes(field);
    const target = known ? field : '';
    errors[target] ??= known && key ? t(key) : issue.field ? `${issue.field}: ${issue.message}` : issue.message;
  }
  if (Object.keys(errors).length === 0) errors[''] = err.message;
  return errors;
}
