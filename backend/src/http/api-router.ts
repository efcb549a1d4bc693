import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../shared/app-error.ts';
import { currentActor } from '../shared/request-context.ts';
import type { RouteSpec } from './route.ts';
import { parseInput } from './validation.ts';

/** Mounts route specs on an Express router: access check → validate → handler → present → respond. */
export function buildApiRouter(routes: readonly RouteSpec[]): Router {
  const router = Router();
  for (const spec of routes) {
    router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const actor = currentActor();
        const user = actor?.kind === 'user' ? actor : null;
        if (!('public' in spec.access)) {
          if (!user) throw new AppError('unauthenticated', 'sign in first');
          if ('permission' in spec.access && !user.permissions.has(spec.access.permission)) {
            throw new AppError('forbidden', `missing permission ${spec.access.permission}`);
          }
        }
        const input = {
          params: spec.params ? parseInput(spec.params, req.params, 'params') : undefined,
          query: spec.query ? parseInput(spec.query, req.query, 'query') : undefined,
          body: spec.body ? parseInput(spec.body, req.body, 'body') : undefined,
          actor: user,
          req,
          res,
        };
        const result = await spec.handler(input);
        if (!spec.response) {
          res.status(204).end();
          return;
        }
        // Parsing the output strips any field the contract does not name.
        res.status(spec.statusOf?.(result) ?? spec.status ?? 200).json(spec.response.parse(result));
      } catch (err) {
        next(err);
      }
    });
  }
  return router;
}
