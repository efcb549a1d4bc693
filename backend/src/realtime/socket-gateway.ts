import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { rooms, type ClientToServerEvents, type ServerToClientEvents } from '@gasdesk/schema';
import type { AuthService } from '../modules/auth/auth.service.ts';
import type { UserService } from '../modules/users/user.service.ts';
import type { DomainEventBus } from '../shared/domain-events.ts';
import type { Logger } from '../shared/logger.ts';
import { runAs, type UserActor } from '../shared/request-context.ts';

interface SocketData {
  actor: UserActor;
}

export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The rooms a signed-in user's socket joins; events are addressed to rooms, never to sockets. */
export function roomsFor(actor: UserActor): string[] {
  const list = [rooms.user(actor.userId), rooms.session(actor.sessionId), rooms.company(actor.companyId), rooms.role(actor.companyId, actor.role)];
  if (actor.role === 'agent' || actor.role === 'supervisor') list.push(rooms.agent(actor.userId));
  if (actor.role === 'supervisor' || actor.role === 'admin') list.push(rooms.supervisors(actor.companyId));
  return list;
}

export interface Gateway {
  io: GatewayServer;
  close(): Promise<void>;
}

/**
 * Socket.IO with the same bearer token as the API. With `REDIS_URL` the Redis adapter carries room
 * emits and disconnects to every api process, so an event raised on one reaches a desk on another.
 */
export function createSocketGateway(
  httpServer: HttpServer,
  deps: { auth: AuthService; users: UserService; events: DomainEventBus; logger: Logger; redisUrl: string | undefined; redisPrefix: string },
): Gateway {
  const io: GatewayServer = new Server(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  const redis = deps.redisUrl ? [new Redis(deps.redisUrl), new Redis(deps.redisUrl)] : [];
  if (redis.length === 2) io.adapter(createAdapter(redis[0]!, redis[1]!, { key: `${deps.redisPrefix}:socket.io` }));

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    const actor = typeof token === 'string' ? await deps.auth.authenticate(token, socket.handshake.address) : null;
    if (!actor) return next(new Error('unauthenticated'));
    socket.data.actor = actor;
    next();
  });

  io.on('connection', async (socket: GatewaySocket) => {
    const actor = socket.data.actor;
    const joined = roomsFor(actor);
    await socket.join(joined);
    socket.on('ping:server', (ack) => {
      if (typeof ack === 'function') ack({ at: new Date().toISOString() });
    });
    try {
      const user = await runAs(actor, () => deps.users.get(actor.userId));
      socket.emit('session:ready', { user, rooms: joined });
    } catch (err) {
      deps.logger.warn({ err, userId: actor.userId }, 'socket session lookup failed');
      socket.disconnect(true);
    }
  });

  const unsubscribers = [
    deps.events.on('sessions.revoked', ({ sessionIds, reason }) => {
      for (const id of sessionIds) {
        io.to(rooms.session(id)).emit('session:revoked', { reason });
        io.in(rooms.session(id)).disconnectSockets(true);
      }
    }),
    // Call-center events: a pop, a call and a state are the one agent's; the wallboard is the company's supervisors'.
    deps.events.on('call.screen_pop', ({ userId, pop }) => io.to(rooms.agent(userId)).emit('call:screen-pop', pop)),
    deps.events.on('call.updated', ({ userId, update }) => io.to(rooms.agent(userId)).emit('call:updated', update)),
    deps.events.on('agent.state_changed', ({ userId, state }) => io.to(rooms.agent(userId)).emit('agent:state', state)),
    deps.events.on('wallboard.updated', ({ wallboard }) => io.to(rooms.supervisors(wallboard.companyId)).emit('wallboard:snapshot', wallboard)),
    // Every api process watches the runs itself, so each tells only its own sockets.
    deps.events.on('billing.run_progress', ({ companyId, run }) => io.local.to([rooms.role(companyId, 'admin'), rooms.role(companyId, 'billing_clerk'), rooms.supervisors(companyId)]).emit('billing:run-progress', run)),
  ];

  return {
    io,
    async close() {
      for (const off of unsubscribers) off();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    },
  };
}
