import type { RequestHandler } from 'express';
import type { AuthService } from '../modules/auth/auth.service.ts';
import { AppError } from '../shared/app-error.ts';
import { runAs } from '../shared/request-context.ts';

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1] ?? null;
}

/**
 * Resolves the bearer token to an actor and runs the rest of the request as that actor, so every
 * query below is scoped to the actor's company. A request without a token continues with no
 * actor: only public routes accept it. A token that is invalid is refused outright.
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) return next();
    const actor = await auth.authenticate(token, req.ip ?? null);
    if (!actor) return next(new AppError('unauthenticated', 'the session has ended; sign in again'));
    runAs(actor, () => next());
  };
}
