import { AsyncLocalStorage } from 'node:async_hooks';
import type { Permission, Role } from '@gasdesk/schema';
import { AppError } from './app-error.ts';

/** A signed-in person acting through the API or a socket. */
export interface UserActor {
  kind: 'user';
  userId: number;
  username: string;
  companyId: number;
  role: Role;
  permissions: ReadonlySet<Permission>;
  sessionId: number;
  ip: string | null;
}

/** The product itself: migrations, seeds, jobs and use cases that run before anyone is known (login). */
export interface SystemActor {
  kind: 'system';
  /** Why the system acts; it appears in logs and audit records. */
  reason: string;
  /** Set when the system works for one company (a billing run's job): its queries are scoped to it. */
  companyId?: number;
}

export type Actor = UserActor | SystemActor;

const storage = new AsyncLocalStorage<Actor>();

/** Runs `fn` with `actor` as the current actor: every query inside is scoped to its companies. */
export function runAs<T>(actor: Actor, fn: () => T): T {
  return storage.run(actor, fn);
}

export function runAsSystem<T>(reason: string, fn: () => T, companyId?: number): T {
  return storage.run({ kind: 'system', reason, ...(companyId !== undefined && { companyId }) }, fn);
}

/** The current actor, or undefined outside any `runAs`. */
export function currentActor(): Actor | undefined {
  return storage.getStore();
}

/** The companies the current actor may touch: `'all'` for the system or a spanning user. Deny when unknown. */
export function companyScope(): 'all' | number {
  const actor = storage.getStore();
  if (!actor) throw new AppError('internal', 'query outside any actor context');
  if (actor.kind === 'system') return actor.companyId ?? 'all';
  return actor.permissions.has('companies:span') ? 'all' : actor.companyId;
}

/** The acting user's id for history rows, or null when the system acts. */
export function currentUserId(): number | null {
  const actor = storage.getStore();
  return actor?.kind === 'user' ? actor.userId : null;
}

export function requireUser(): UserActor {
  const actor = storage.getStore();
  if (actor?.kind !== 'user') throw new AppError('unauthenticated', 'sign in first');
  return actor;
}
