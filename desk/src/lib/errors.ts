import { ApiError } from './api.ts';
import { errorText, t } from './i18n.svelte.ts';
import { toasts } from './toasts.svelte.ts';

/**
 * The one place an error becomes something the user sees. Callers handle what they can show
 * better themselves (field errors, the login form) and hand everything else here.
 */
export function reportError(err: unknown): void {
  if (err instanceof ApiError) {
    // The session already returned to the login page with its own message.
    if (err.code === 'unauthenticated') return;
    const title = errorText(err.code);
    // The server's message is English and technical; it helps support staff, so it goes second.
    toasts.error(title, err.message && err.message !== title ? err.message : undefined);
    return;
  }
  console.error(err);
  toasts.error(t('error.unexpected'), err instanceof Error ? err.message : undefined);
}
