import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@gasdesk/schema';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects like the desk does (websocket, `auth: { token }`) and resolves once the session is ready. */
export async function connectSocket(url: string, token: string): Promise<{ socket: DeskSocket; rooms: string[] }> {
  const socket: DeskSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const rooms = await new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not become ready')), 10_000);
    socket.once('session:ready', ({ rooms }) => {
      clearTimeout(timer);
      resolve(rooms);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { socket, rooms };
}

/** Resolves with the reason the server gave when it closed the socket. */
export function nextDisconnect(socket: DeskSocket, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket was not disconnected')), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
