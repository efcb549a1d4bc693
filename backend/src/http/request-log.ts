import type { RequestHandler } from 'express';
import { maskPersonalDataInText } from '@gasdesk/schema';
import type { Logger } from '../shared/logger.ts';

/** One line per API request with its status and duration; bodies and headers are never logged. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug';
      logger[level]({ method: req.method, path: maskPersonalDataInText(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
