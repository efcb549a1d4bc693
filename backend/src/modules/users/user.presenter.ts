import { permissionsOf, type UserView } from '@gasdesk/schema';
import type { User } from './user.model.ts';

export function presentUser(user: User, companyName: string): UserView {
  return {
    id: user.id,
    companyId: user.companyId,
    companyName,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    grants: user.grants,
    permissions: permissionsOf(user.role, user.grants),
    extension: user.extension,
    queues: user.queues,
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}
