import { ERROR_STATUS, type ErrorCode, type FieldIssue } from '@gasdesk/schema';

/**
 * The one error type services throw on purpose. Its code is from the closed set in `schema/` and
 * decides the HTTP status in one handler. `retryable` tells job runners whether trying again can help.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { issues?: FieldIssue[]; retryable?: boolean; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }

  get retryable(): boolean {
    return this.options.retryable ?? (this.code === 'unavailable' || this.code === 'internal');
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found`);
  }

  static invalid(field: string, message: string): AppError {
    return new AppError('validation_failed', `${field}: ${message}`, { issues: [{ field, message }] });
  }
}
