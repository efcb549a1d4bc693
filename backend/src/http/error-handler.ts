import type { ErrorRequestHandler } from 'express';
import type { ErrorBody } from '@gasdesk/schema';
import { AppError } from '../shared/app-error.ts';
import type { Logger } from '../shared/logger.ts';

/** Body-parser errors carry a `type`; they are the client's fault, never a 500. */
function fromParser(err: unknown): AppError | null {
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return new AppError('bad_request', 'the request body is not valid JSON');
  if (type === 'entity.too.large') return new AppError('bad_request', 'the request body is too large');
  if (typeof type === 'string' && type.startsWith('encoding.')) return new AppError('bad_request', 'unsupported body encoding');
  return null;
}

/** The one mapping from errors to HTTP responses. Unknown errors become a 500 that reveals nothing. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = err instanceof AppError ? err : fromParser(err);
    if (!appError) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    } else if (appError.status >= 500) {
      logger.error({ err: appError, method: req.method, url: req.originalUrl }, appError.message);
    }
    const error = appError ?? new AppError('internal', 'internal error');
    if (error.options.retryAfterSeconds) res.setHeader('Retry-After', String(error.options.retryAfterSeconds));
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, ...(error.options.issues && { issues: error.options.issues }) },
    };
    res.status(error.status).json(body);
  };
}
