import { permissionsOf } from '@gasdesk/schema';
import type { UserActor } from '../../shared/request-context.ts';
import type { User } from './user.model.ts';

/**
 * A user as the actor of work done on their behalf without a sign-in (the PBX's lookup for a
 * ringing agent, the demo seed entering a reader's readings): their company, their permissions.
 */
export function actorOf(user: User): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    companyId: user.companyId,
    role: user.role,
    permissions: new Set(permissionsOf(user.role, user.grants)),
    sessionId: 0,
    ip: null,
  };
}
