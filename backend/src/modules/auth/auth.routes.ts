import { LoginRequest, LoginResponse, MeResponse } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { AuthService } from './auth.service.ts';
import type { UserService } from '../users/user.service.ts';

export function authRoutes(auth: AuthService, users: UserService) {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in with username and password; returns a bearer token',
      tag: 'auth',
      access: { public: true },
      body: LoginRequest,
      response: LoginResponse,
      handler: ({ body, req }) => auth.login({ ...body, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null }),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      summary: 'End this session; its sockets are closed at once',
      tag: 'auth',
      access: { signedIn: true },
      handler: ({ actor }) => auth.logout(actor!),
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      summary: 'The signed-in user',
      tag: 'auth',
      access: { signedIn: true },
      response: MeResponse,
      handler: async ({ actor }) => ({ user: await users.get(actor!.userId) }),
    }),
  ];
}
