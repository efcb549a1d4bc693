import type { z } from 'zod';
import type { FieldIssue } from '@gasdesk/schema';
import { AppError } from '../shared/app-error.ts';

/** Parses a request part; a failure names each offending field. Body errors are 422, the rest 400. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, part: 'params' | 'query' | 'body'): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const summary = issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
  throw new AppError(part === 'body' ? 'validation_failed' : 'bad_request', `invalid ${part}: ${summary}`, { issues });
}
