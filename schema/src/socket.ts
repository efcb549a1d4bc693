import type { UserView } from './users.ts';
import type { AgentStateView, CallUpdate, CompanyWallboard, ScreenPop } from './call-center.ts';
import type { BillingRunView } from './billing/runs.ts';

/**
 * Socket.IO events the server sends. The desk's socket client feeds them into its typed event
 * bus; payloads are presented views, never models, with personal data masked.
 */
export interface ServerToClientEvents {
  /** Sent once after the connection is authenticated and the rooms are joined. */
  'session:ready': (payload: { user: UserView; rooms: string[] }) => void;
  /** The session ended elsewhere (logout, disabled, token revoked); the socket closes right after. */
  'session:revoked': (payload: { reason: 'logout' | 'disabled' | 'revoked' }) => void;
  /** A message to everyone in a company (maintenance notices, storm-day banners). */
  'company:notice': (payload: { companyId: number; message: string; at: string }) => void;
  /** The agent's phone rings: who is calling (masked) and the matching customers. Only to `agent:<userId>`. */
  'call:screen-pop': (payload: ScreenPop) => void;
  /** The agent's current call was answered, ended or transferred, with its timings. Only to `agent:<userId>`. */
  'call:updated': (payload: CallUpdate) => void;
  /** The agent's own state (ready, ringing, on call, wrap-up, paused with reason, offline). Only to `agent:<userId>`. */
  'agent:state': (payload: AgentStateView) => void;
  /** Per-queue figures (each defined in `QueueSnapshot`) and agents by state; to `company:<id>:supervisors`, at most once a second. */
  'wallboard:snapshot': (payload: CompanyWallboard) => void;
  /** A billing run's progress and report so far; to the company's admins, billing clerks and supervisors, about once a second while it runs. */
  'billing:run-progress': (payload: BillingRunView) => void;
}

/** Socket.IO events the desk sends. */
export interface ClientToServerEvents {
  /** Round-trip check; the ack carries the server's time. */
  'ping:server': (ack: (reply: { at: string }) => void) => void;
}

/** Socket.IO room names, made in one place so server and tests agree. */
export const rooms = {
  user: (userId: number) => `user:${userId}`,
  session: (sessionId: number) => `session:${sessionId}`,
  agent: (userId: number) => `agent:${userId}`,
  company: (companyId: number) => `company:${companyId}`,
  role: (companyId: number, role: string) => `company:${companyId}:role:${role}`,
  supervisors: (companyId: number) => `company:${companyId}:supervisors`,
  queue: (queue: string) => `queue:${queue}`,
  conversation: (id: number) => `conversation:${id}`,
} as const;
