import type { Permission, UserView } from '@gasdesk/schema';
import { api, bindAuth } from './api.ts';
import { reportError } from './errors.ts';
import { events } from './events.ts';
import { closeSocket, openSocket } from './socket.ts';
import { toasts } from './toasts.svelte.ts';

/** Why a session ended without the user pressing "sign out"; the login page explains it. */
export type EndReason = 'logout' | 'revoked' | 'disabled' | 'expired';

const TOKEN_KEY = 'gasdesk.token';

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Without storage the session lasts as long as the tab; nothing else breaks.
  }
}

class Session {
  token = $state<string | null>(readToken());
  user = $state<UserView | null>(null);
  /** True while a stored token is being checked at start-up, so the login page does not flash. */
  restoring = $state(false);
  endReason = $state<EndReason | null>(null);

  constructor() {
    bindAuth({ token: () => this.token, unauthenticated: () => this.end('expired') });
    events.on('session:ready', ({ user }) => {
      if (this.user && user.id === this.user.id) this.user = user;
    });
    events.on('session:revoked', ({ reason }) => this.end(reason));
    events.on('connection:unauthenticated', () => this.end('expired'));
    // Connection-state recovery only covers short gaps; after any reconnect the API is the truth.
    events.on('connection:resumed', () => void this.resync());
  }

  /** Deny by default: no user, or a permission not in the server's list, means no. */
  can(permission: Permission): boolean {
    return this.user?.permissions.includes(permission) ?? false;
  }

  /** Throws the ApiError so the login form can tell wrong credentials from throttling. */
  async login(username: string, password: string): Promise<void> {
    const res = await api.login({ username, password });
    this.#begin(res.token, res.user);
  }

  /** Picks up the session stored by an earlier visit, if the server still honours it. */
  async restore(): Promise<void> {
    const token = this.token;
    if (!token) return;
    this.restoring = true;
    try {
      const { user } = await api.me();
      if (this.token === token) this.#begin(token, user);
    } catch (err) {
      // A 401 has already ended the session through the auth hook; anything else is reported and
      // the login page shows, with the token kept for a reload once the server is back.
      reportError(err);
    } finally {
      this.restoring = false;
    }
  }

  /** Re-reads the user (role, grants, disabled) from the API. A 401 ends the session via the hook. */
  async resync(): Promise<void> {
    if (!this.token || !this.user) return;
    try {
      const { user } = await api.me();
      if (this.user) this.user = user;
    } catch (err) {
      reportError(err);
    }
  }

  async logout(): Promise<void> {
    const token = this.token;
    // Close the socket first so that our own logout does not come back as "signed out elsewhere".
    this.end(null);
    if (token) await api.logout(token).catch(() => undefined);
  }

  end(reason: EndReason | null): void {
    if (!this.token && !this.user) return;
    closeSocket();
    writeToken(null);
    this.token = null;
    this.user = null;
    this.endReason = reason;
    toasts.clear();
  }

  #begin(token: string, user: UserView): void {
    writeToken(token);
    this.token = token;
    this.user = user;
    this.endReason = null;
    openSocket(token);
  }
}

export const session = new Session();
