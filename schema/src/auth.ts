import { z } from 'zod';
import { UserView } from './users.ts';
import { Timestamp } from './common.ts';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  /** Bearer token: `Authorization: Bearer <token>` and Socket.IO `auth: { token }`. */
  token: z.string(),
  expiresAt: Timestamp,
  user: UserView,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ user: UserView });
export type MeResponse = z.infer<typeof MeResponse>;
