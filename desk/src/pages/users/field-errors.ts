import { t, type MessageKey } from '../../lib/i18n.svelte.ts';
import type { FieldErrors } from '../../lib/form-errors.ts';

/** The user form's fields whose server issues the form can say better in the user's language. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  username: 'users.invalid.username',
  displayName: 'users.invalid.displayName',
  password: 'users.invalid.password',
  extension: 'users.invalid.extension',
  queues: 'users.invalid.queues',
  role: 'users.invalid.role',
  grants: 'users.invalid.grants',
};

/**
 * The user forms' own words for what the server refused (the `adjust` of their `FormSubmit`): a
 * field's rule in full rather than the schema's terse issue, and "this username is in use" for a
 * taken username. A taken extension keeps the generic "already taken" beside its own field.
 */
export function userIssues(errors: FieldErrors): FieldErrors {
  const taken = t('issue.taken');
  return Object.fromEntries(
    Object.entries(errors).map(([field, text]) => {
      if (text === taken) return [field, field === 'username' ? t('users.taken') : text];
      const key = FIELD_MESSAGES[field];
      return [field, key ? t(key) : text];
    }),
  );
}
