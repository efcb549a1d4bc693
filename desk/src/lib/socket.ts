import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@gasdesk/schema';
import { events, type ServerEvents } from './events.ts';

type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Every server event is forwarded to the bus. Typed as a record of all event names, so a new event
 * in the schema fails the build here until it is listed, instead of being dropped silently.
 */
const FORWARDED: Record<keyof ServerEvents, true> = {
  'session:ready': true,
  'session:revoked': true,
  'company:notice': true,
  'call:screen-pop': true,
  'call:updated': true,
  'agent:state': true,
  'wallboard:snapshot': true,
  'billing:run-progress': true,
};

let socket: DeskSocket | null = null;

/** Opens the one socket of this tab. Called after login (or a restored session), never by components. */
export function openSocket(token: string): void {
  closeSocket();
  const s: DeskSocket = io({ path: '/socket.io', auth: { token } });
  socket = s;
  let everConnected = false;

  events.emit('connection:status', { status: 'connecting' });

  for (const name of Object.keys(FORWARDED) as (keyof ServerEvents)[]) {
    // The cast is safe: each name is forwarded with the payload type the schema gives it.
    s.on(name, ((payload: ServerEvents[typeof name]) => events.emit(name, payload)) as never);
  }

  s.on('connect', () => {
    events.emit('connection:status', { status: 'online' });
    if (everConnected) events.emit('connection:resumed', { recovered: s.recovered });
    everConnected = true;
  });

  s.on('disconnect', (reason) => {
    if (socket !== s) return;
    if (reason === 'io server disconnect') {
      // The server closed us on purpose; socket.io will not retry. If the token is still good
      // (a server restart, a rebalance) one manual reconnect is right; if not, it fails with
      // `unauthenticated` below and the session ends.
      events.emit('connection:status', { status: 'connecting' });
      setTimeout(() => {
        if (socket === s) s.connect();
      }, 1000);
      return;
    }
    events.emit('connection:status', { status: s.active ? 'connecting' : 'offline' });
  });

  s.on('connect_error', (err) => {
    if (socket !== s) return;
    if (err.message === 'unauthenticated') {
      closeSocket();
      events.emit('connection:unauthenticated', {});
      return;
    }
    events.emit('connection:status', { status: s.active ? 'connecting' : 'offline' });
  });
}

export function closeSocket(): void {
  if (!socket) return;
  const s = socket;
  socket = null;
  s.removeAllListeners();
  s.disconnect();
  events.emit('connection:status', { status: 'offline' });
}
