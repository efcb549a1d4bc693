import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Permission } from '@gasdesk/schema';
import type { UserActor } from '../shared/request-context.ts';

/**
 * Who may call a route: anyone, any signed-in user, or a user holding one permission.
 * Every route must say; there is no default, so nothing is open by accident.
 */
export type Access = { public: true } | { signedIn: true } | { permission: Permission };

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The signed-in caller; null only on public routes. */
  actor: UserActor | null;
  req: Request;
  res: Response;
}

/**
 * One API operation: its contract (zod schemas from `schema/`), who may call it, and a thin
 * handler that calls one service method. The same definition feeds Express and the OpenAPI document.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path below `/api`, e.g. `/users/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * The body's media type when it is not JSON (an uploaded file); its own parser is mounted for
   * the route's path in app.ts, and `body` checks that the bytes arrived.
   */
  bodyMediaType?: string;
  /** The response body; when absent the route answers 204 with no body. */
  response?: z.ZodType<R>;
  status?: 200 | 201 | 202;
  /** For a result that may be a refusal carrying the same body (an import report): the status to answer with. */
  statusOf?(result: R): 200 | 201 | 202 | 422;
  handler(input: RouteInput<P, Q, B>): Promise<R> | R;
}

/** Keeps the generic types of one route while collecting routes of different shapes in one list. */
export function defineRoute<P = undefined, Q = undefined, B = undefined, R = undefined>(spec: RouteSpec<P, Q, B, R>): RouteSpec {
  return spec as unknown as RouteSpec;
}
