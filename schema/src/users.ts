import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from './common.ts';
import { GrantablePermission, Permission, Role } from './roles.ts';

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9_.-]+$/, 'use lower-case letters, digits, dot, dash or underscore');

/** At least 10 characters: long enough that the throttled login makes guessing hopeless. */
export const NewPassword = z.string().min(10, 'at least 10 characters').max(200);

export const Extension = z.string().regex(/^\d{2,8}$/, 'digits only, 2 to 8');

/** A PBX queue's name as Asterisk's queues.conf spells it. */
export const QueueName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, dot, dash or underscore; at most 64');

/** The queues an agent joins on going ready; empty means every queue of the company. */
export const AgentQueues = z.array(QueueName).max(20);

export const UserView = z.object({
  id: Id,
  companyId: Id,
  companyName: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  grants: z.array(GrantablePermission),
  permissions: z.array(Permission),
  extension: z.string().nullable(),
  queues: z.array(z.string()),
  disabled: z.boolean(),
  lastLoginAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type UserView = z.infer<typeof UserView>;

export const UserList = pageOf(UserView);
export type UserList = z.infer<typeof UserList>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  role: Role.optional(),
  companyId: Id.optional().describe('only with companies:span; default is the caller\'s company'),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserCreate = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(64),
  role: Role,
  password: NewPassword,
  grants: z.array(GrantablePermission).default([]),
  extension: Extension.nullable().default(null),
  queues: AgentQueues.default([]),
  companyId: Id.optional().describe('only with companies:span; default is the caller\'s company'),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(64),
    role: Role,
    password: NewPassword,
    grants: z.array(GrantablePermission),
    extension: Extension.nullable(),
    queues: AgentQueues,
    disabled: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'name at least one field to change' });
export type UserPatch = z.infer<typeof UserPatch>;
