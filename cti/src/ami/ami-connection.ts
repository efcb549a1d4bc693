import Manager from 'asterisk-manager';
import { TelephonyError } from '../telephony-driver.ts';
import { amiMessage, header, isEvent, type AmiMessage } from './ami-message.ts';

export interface AmiLogin {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** Connect and log in within this time, or give up. */
  timeoutMs: number;
}

/** asterisk-manager's parsed object → our `AmiMessage` (variables in objects or arrays become `NAME=value` headers again). */
export function fromManagerMessage(raw: Manager.Message): AmiMessage {
  const fields: [string, string][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) fields.push([key, v]);
    else if (value && typeof value === 'object') for (const [name, v] of Object.entries(value)) fields.push([key, `${name}=${v}`]);
    else if (value !== undefined) fields.push([key, value]);
  }
  return amiMessage(fields);
}

const refused = (raw: Manager.Message | undefined) => /authentication/i.test(String(raw?.message ?? ''));

let actionSeq = 0;

/**
 * One logged-in AMI session on asterisk-manager, with the library's traps handled here: its
 * own reconnect is never used, responses are matched to our ActionIDs with a timeout, list
 * answers are gathered from the events carrying our ActionID, and a refused login is told apart
 * from a network failure.
 */
export class AmiConnection {
  private readonly eventListeners = new Set<(message: AmiMessage) => void>();
  private readonly closeListeners = new Set<() => void>();
  private readonly pending = new Map<string, (error: TelephonyError) => void>();
  private closed = false;

  private constructor(private readonly manager: Manager.Instance) {
    manager.on('managerevent', (raw) => {
      const message = fromManagerMessage(raw);
      for (const listener of this.eventListeners) listener(message);
    });
    manager.on('close', () => this.shutDown('the PBX closed the connection'));
  }

  /** Connects and logs in. Rejects with `authentication_failed` (do not retry) or `not_connected`/`timeout` (retry). */
  static open(login: AmiLogin): Promise<AmiConnection> {
    return new Promise((resolve, reject) => {
      // Without a port the library does not connect (and log in) on its own.
      const manager = Manager(undefined, login.host, login.username, login.secret, true);
      let settled = false;
      let authRefused = false;
      const onResponse = (raw: Manager.Message) => {
        // Some servers answer a bad login without our ActionID; it then arrives only as a `response` event.
        if (refused(raw)) authRefused = true;
      };
      const finish = (outcome: AmiConnection | TelephonyError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        manager.removeListener('response', onResponse);
        manager.removeListener('error', onError);
        manager.removeListener('close', onClose);
        if (outcome instanceof AmiConnection) return resolve(outcome);
        manager.disconnect();
        reject(outcome);
      };
      const authError = () => new TelephonyError('authentication_failed', `the PBX refused the AMI login of "${login.username}"`, false);
      const onError = (error: Error) => finish(new TelephonyError('not_connected', `cannot reach the AMI at ${login.host}:${login.port}: ${error.message}`, true));
      const onClose = () => finish(authRefused ? authError() : new TelephonyError('not_connected', 'the PBX closed the connection during login', true));
      const timer = setTimeout(() => finish(new TelephonyError('timeout', `no AMI login within ${login.timeoutMs} ms`, true)), login.timeoutMs);
      manager.on('response', onResponse);
      manager.on('error', onError);
      manager.on('close', onClose);
      manager.connect(login.port, login.host, () =>
        manager.login((error) => {
          if (error) return finish(refused(error) ? authError() : new TelephonyError('rejected', `AMI login failed: ${String(error.message ?? '')}`, false));
          finish(new AmiConnection(manager));
        }),
      );
    });
  }

  onEvent(listener: (message: AmiMessage) => void): void {
    this.eventListeners.add(listener);
  }

  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  /** Sends an action (with `actionId`, or one of ours) and resolves with its response; an `Error` response rejects with `rejected`. */
  send(action: Record<string, string>, timeoutMs: number, actionId?: string): Promise<AmiMessage> {
    return this.request(action, timeoutMs, actionId, (id, resolve, reject) => {
      this.manager.action({ ...this.asAction(action), actionid: id }, (error, response) => {
        if (error) return reject(new TelephonyError('rejected', `${action.Action} refused: ${String(error.message ?? 'error')}`, false));
        resolve(fromManagerMessage(response));
      });
    });
  }

  /** Sends a list action and resolves with the events that answer it, up to `completeEvent`. */
  list(action: Record<string, string>, completeEvent: string, timeoutMs: number): Promise<AmiMessage[]> {
    return this.request(action, timeoutMs, undefined, (id, resolve, reject) => {
      const items: AmiMessage[] = [];
      const collect = (message: AmiMessage) => {
        if (header(message, 'actionid') !== id) return;
        if (!isEvent(message, completeEvent)) return void items.push(message);
        this.eventListeners.delete(collect);
        resolve(items);
      };
      this.eventListeners.add(collect);
      this.manager.action({ ...this.asAction(action), actionid: id }, (error) => {
        if (!error) return;
        this.eventListeners.delete(collect);
        reject(new TelephonyError('rejected', `${action.Action} refused: ${String(error.message ?? 'error')}`, false));
      });
    });
  }

  close(): void {
    this.shutDown('closed by the cti');
    this.manager.disconnect();
  }

  private request<T>(
    action: Record<string, string>,
    timeoutMs: number,
    actionId: string | undefined,
    start: (id: string, resolve: (value: T) => void, reject: (error: TelephonyError) => void) => void,
  ): Promise<T> {
    if (this.closed) return Promise.reject(new TelephonyError('not_connected', 'the AMI connection is closed', true));
    actionSeq += 1;
    const id = actionId ?? `gasdesk-${actionSeq}`;
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(id);
      };
      const timer = setTimeout(() => {
        done();
        this.manager.removeAllListeners(id);
        reject(new TelephonyError('timeout', `no answer to ${action.Action} within ${timeoutMs} ms`, true));
      }, timeoutMs);
      this.pending.set(id, (error) => {
        done();
        reject(error);
      });
      start(
        id,
        (value) => {
          done();
          resolve(value);
        },
        (error) => {
          done();
          reject(error);
        },
      );
    });
  }

  private asAction({ Action, ...headers }: Record<string, string>): Manager.Action {
    return { action: Action ?? '', ...headers };
  }

  private shutDown(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const fail of [...this.pending.values()]) fail(new TelephonyError('not_connected', reason, true));
    for (const listener of this.closeListeners) listener();
  }
}
