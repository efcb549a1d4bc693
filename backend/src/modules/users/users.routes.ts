import { IdParams, UserCreate, UserList, UserListQuery, UserPatch, UserView } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { UserService } from './user.service.ts';

export function userRoutes(users: UserService) {
  return [
    defineRoute({
      method: 'get',
      path: '/users',
      summary: 'List users of the caller\'s company',
      tag: 'users',
      access: { permission: 'users:read' },
      query: UserListQuery,
      response: UserList,
      handler: async ({ query }) => ({ ...(await users.list(query)), limit: query.limit, offset: query.offset }),
    }),
    defineRoute({
      method: 'post',
      path: '/users',
      summary: 'Create a user',
      tag: 'users',
      access: { permission: 'users:manage' },
      body: UserCreate,
      response: UserView,
      status: 201,
      handler: ({ body }) => users.create(body),
    }),
    defineRoute({
      method: 'get',
      path: '/users/:id',
      summary: 'One user',
      tag: 'users',
      access: { permission: 'users:read' },
      params: IdParams,
      response: UserView,
      handler: ({ params }) => users.get(params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/users/:id',
      summary: 'Change a user: name, role, grants, extension, password, or disable (ends their sessions)',
      tag: 'users',
      access: { permission: 'users:manage' },
      params: IdParams,
      body: UserPatch,
      response: UserView,
      handler: ({ params, body }) => users.update(params.id, body),
    }),
  ];
}
