import type { CallEventSource } from '@gasdesk/schema';
import { bookFromSnapshot, cancelTransfer, emptyCallBook, expectTransfer, mapAmiEvent, type CallBook } from '../mapping/ami-to-call-event.ts';
import type { PbxSnapshot, QueueSummary } from '../pbx-snapshot.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import { TypedEmitter } from '../shared/typed-emitter.ts';
import {
  ALL_TELEPHONY_CAPABILITIES,
  TelephonyError,
  type ConnectionStatus,
  type MemberRequest,
  type OriginateRequest,
  type PauseRequest,
  type TelephonyDriver,
  type TelephonyDriverEvents,
} from '../telephony-driver.ts';
import { AmiConnection } from './ami-connection.ts';
import { header, type AmiMessage } from './ami-message.ts';
import { reconnectDelay, type BackoffPolicy } from './backoff.ts';
import { ChannelDirectory } from './channel-directory.ts';
import { buildPbxSnapshot } from './resync-snapshot.ts';

export interface AmiDriverSettings {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** `source` of the CallEvents: `ami`, or `sim` when the peer is the demo simulator. */
  source?: CallEventSource;
  /** Our heartbeat: a `Ping` this often; no `Pong` before the next one means the link is dead. Default 10 s. */
  pingIntervalMs?: number;
  /** Wait this long for a login or an action's answer. Default 10 s. */
  actionTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** Dialplan context click-to-dial runs the customer's number in (deploy/asterisk/extensions.conf `[outbound]`). */
  originateContext?: string;
  /** Dialplan context a transfer target is dialled in. */
  transferContext?: string;
  /** How long the agent's phone rings for a click-to-dial before it counts as unanswered. Default 30 s. */
  originateRingMs?: number;
}

export interface AmiDriverDeps {
  clock: Clock;
  logger: Logger;
  /** For the reconnect jitter. */
  random?: () => number;
}

const DEFAULTS = {
  source: 'ami' as CallEventSource,
  pingIntervalMs: 10_000,
  actionTimeoutMs: 10_000,
  backoff: { initialMs: 500, maxMs: 30_000 },
  originateContext: 'outbound',
  transferContext: 'outbound',
  originateRingMs: 30_000,
};

const h = (m: AmiMessage, name: string) => header(m, name) ?? '';
const num = (m: AmiMessage, name: string) => Number.parseInt(h(m, name), 10) || 0;

/**
 * The Asterisk driver, over AMI with asterisk-manager. It keeps one session alive with its own
 * heartbeat and reconnects with a capped, jittered backoff; after every (re)connection it reads
 * the PBX's whole state (`QueueStatus` + `CoreShowChannels`) because the events of the gap are
 * lost, announces it as a `resync`, and only then passes on the events that arrived meanwhile.
 */
export class AmiDriver implements TelephonyDriver {
  readonly name = 'ami';
  readonly capabilities = ALL_TELEPHONY_CAPABILITIES;
  readonly source: CallEventSource;
  private readonly settings: Required<AmiDriverSettings>;
  private readonly emitter = new TypedEmitter<TelephonyDriverEvents>();
  private readonly channels = new ChannelDirectory();
  private readonly random: () => number;
  private book: CallBook = emptyCallBook();
  private connection: AmiConnection | null = null;
  private current: ConnectionStatus = 'idle';
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private firstConnect: { resolve: () => void; reject: (error: TelephonyError) => void } | null = null;
  private originateSeq = 0;

  constructor(
    settings: AmiDriverSettings,
    private readonly deps: AmiDriverDeps,
  ) {
    this.settings = { ...DEFAULTS, ...settings };
    this.source = this.settings.source;
    this.random = deps.random ?? Math.random;
  }

  connect(): Promise<void> {
    if (this.current !== 'idle') return Promise.reject(new TelephonyError('rejected', `connect() called while ${this.current}`, false));
    return new Promise((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      void this.open();
    });
  }

  async close(): Promise<void> {
    this.setStatus('closed', null);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const connection = this.connection;
    this.connection = null;
    connection?.close();
    this.firstConnect?.reject(new TelephonyError('not_connected', 'closed before connecting', true));
    this.firstConnect = null;
  }

  status(): ConnectionStatus {
    return this.current;
  }

  on<K extends keyof TelephonyDriverEvents>(name: K, listener: (payload: TelephonyDriverEvents[K]) => void): () => void {
    return this.emitter.on(name, listener);
  }

  // ---------------------------------------------------------------- actions

  async originate(request: OriginateRequest): Promise<{ requestId: string }> {
    this.originateSeq += 1;
    const requestId = `originate-${this.deps.clock.now().getTime()}-${this.originateSeq}`;
    await this.send({
      Action: 'Originate',
      Channel: this.interfaceOf(request.agent),
      Context: this.settings.originateContext,
      Exten: request.number,
      Priority: '1',
      Timeout: String(this.settings.originateRingMs),
      Async: 'true',
      // Our id on the action: Asterisk repeats it on the OriginateResponse event, which the mapping turns into `requestId`.
      ActionID: requestId,
    });
    return { requestId };
  }

  async redirect(request: { callId: string; target: string }): Promise<void> {
    const channel = this.channels.customerChannel(request.callId, this.agentExtensions());
    if (!channel) throw this.unknownCall(request.callId);
    // Marked before sending: the events of the redirect can arrive before its response.
    this.book = expectTransfer(this.book, request.callId, request.target);
    try {
      await this.send({ Action: 'Redirect', Channel: channel, Context: this.settings.transferContext, Exten: request.target, Priority: '1' });
    } catch (error) {
      this.book = cancelTransfer(this.book, request.callId);
      throw error;
    }
  }

  async attendedTransfer(request: { callId: string; agent: string; target: string }): Promise<void> {
    const channel = this.channels.agentChannel(request.callId, request.agent);
    if (!channel) throw this.unknownCall(request.callId);
    await this.send({ Action: 'Atxfer', Channel: channel, Context: this.settings.transferContext, Exten: request.target });
  }

  async hangup(request: { callId: string }): Promise<void> {
    const channel = this.channels.customerChannel(request.callId, this.agentExtensions()) ?? this.channels.anyChannel(request.callId);
    if (!channel) throw this.unknownCall(request.callId);
    await this.send({ Action: 'Hangup', Channel: channel, Cause: '16' });
  }

  async pause(request: PauseRequest): Promise<void> {
    await this.send({
      Action: 'QueuePause',
      Interface: this.interfaceOf(request.agent),
      Paused: request.paused ? 'true' : 'false',
      ...(request.queue && { Queue: request.queue }),
      ...(request.paused && request.reason && { Reason: request.reason }),
    });
  }

  async addMember(request: MemberRequest): Promise<void> {
    const iface = this.interfaceOf(request.agent);
    await this.send({
      Action: 'QueueAdd',
      Queue: request.queue,
      Interface: iface,
      Penalty: String(request.penalty ?? 0),
      MemberName: request.name ?? `Agent ${request.agent}`,
      StateInterface: iface,
    });
  }

  async removeMember(request: { queue: string; agent: string }): Promise<void> {
    await this.send({ Action: 'QueueRemove', Queue: request.queue, Interface: this.interfaceOf(request.agent) });
  }

  async queueStatus(): Promise<PbxSnapshot> {
    return (await this.readState(this.live())).snapshot;
  }

  async queueSummary(): Promise<QueueSummary[]> {
    const list = await this.live().list({ Action: 'QueueSummary' }, 'QueueSummaryComplete', this.settings.actionTimeoutMs);
    return list.map((m) => ({
      queue: h(m, 'queue'),
      loggedIn: num(m, 'loggedin'),
      available: num(m, 'available'),
      callers: num(m, 'callers'),
      holdTime: num(m, 'holdtime'),
      talkTime: num(m, 'talktime'),
      longestHoldTime: num(m, 'longestholdtime'),
    }));
  }

  // ---------------------------------------------------------------- the link

  private async open(): Promise<void> {
    this.retryTimer = null;
    if (this.isClosed()) return;
    this.setStatus('connecting', null);
    let connection: AmiConnection;
    try {
      connection = await AmiConnection.open({ ...this.settings, timeoutMs: this.settings.actionTimeoutMs });
    } catch (error) {
      const failure = error as TelephonyError;
      if (failure.code === 'authentication_failed' && this.firstConnect) {
        // Wrong credentials at start are a configuration error: retrying would only lock the account.
        this.firstConnect.reject(failure);
        this.firstConnect = null;
        this.setStatus('closed', failure.message);
        return;
      }
      return this.retryLater(failure.message);
    }
    // close() may have come while we were logging in.
    if (this.isClosed()) return connection.close();
    this.connection = connection;
    // Events that arrive while the state is read wait, so that they follow the resync.
    let waiting: AmiMessage[] | null = [];
    connection.onEvent((message) => (waiting ? waiting.push(message) : this.handle(message)));
    connection.onClose(() => this.lost(connection, 'the PBX closed the connection'));
    try {
      const { snapshot, channels } = await this.readState(connection);
      this.channels.reset(channels);
      this.book = bookFromSnapshot(snapshot);
      this.emitter.emit('resync', snapshot);
    } catch (error) {
      return this.lost(connection, `resync failed: ${(error as Error).message}`);
    }
    const queued = waiting;
    waiting = null;
    for (const message of queued) this.handle(message);
    this.attempt = 0;
    this.setStatus('connected', null);
    this.startHeartbeat(connection);
    this.firstConnect?.resolve();
    this.firstConnect = null;
  }

  private async readState(connection: AmiConnection): Promise<{ snapshot: PbxSnapshot; channels: AmiMessage[] }> {
    const timeout = this.settings.actionTimeoutMs;
    const queueStatus = await connection.list({ Action: 'QueueStatus' }, 'QueueStatusComplete', timeout);
    const channels = await connection.list({ Action: 'CoreShowChannels' }, 'CoreShowChannelsComplete', timeout);
    return { snapshot: buildPbxSnapshot({ queueStatus, channels, at: this.deps.clock.now().toISOString(), source: this.source }), channels };
  }

  private handle(message: AmiMessage): void {
    this.channels.apply(message);
    const { book, events } = mapAmiEvent(this.book, message, { receivedAt: this.deps.clock.now().toISOString(), source: this.source });
    this.book = book;
    for (const event of events) this.emitter.emit('event', event);
  }

  private startHeartbeat(connection: AmiConnection): void {
    let awaitingPong = false;
    this.pingTimer = setInterval(() => {
      if (awaitingPong) return this.lost(connection, `no pong within ${this.settings.pingIntervalMs} ms`);
      awaitingPong = true;
      connection.send({ Action: 'Ping' }, this.settings.pingIntervalMs).then(
        () => (awaitingPong = false),
        // A failed ping is judged at the next tick, or by the connection's close.
        () => undefined,
      );
    }, this.settings.pingIntervalMs);
  }

  private stopHeartbeat(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private lost(connection: AmiConnection, reason: string): void {
    if (this.connection !== connection) return;
    this.connection = null;
    this.stopHeartbeat();
    connection.close();
    if (this.isClosed()) return;
    this.retryLater(reason);
  }

  private retryLater(reason: string): void {
    this.attempt += 1;
    const delay = reconnectDelay(this.attempt, this.settings.backoff, this.random);
    this.deps.logger.warn({ reason, attempt: this.attempt, retryInMs: delay }, 'AMI link down; reconnecting');
    this.setStatus('disconnected', reason);
    this.retryTimer = setTimeout(() => void this.open(), delay);
  }

  private setStatus(status: ConnectionStatus, error: string | null): void {
    if (this.current === status) return;
    this.current = status;
    this.emitter.emit('status', { status, at: this.deps.clock.now().toISOString(), error });
  }

  // ---------------------------------------------------------------- helpers

  private isClosed(): boolean {
    return this.current === 'closed';
  }

  private live(): AmiConnection {
    if (!this.connection || this.current !== 'connected') throw new TelephonyError('not_connected', `the AMI link is ${this.current}`, true);
    return this.connection;
  }

  private send(action: Record<string, string>): Promise<AmiMessage> {
    const { ActionID: _ours, ...headers } = action;
    return this.live().send(headers, this.settings.actionTimeoutMs, action.ActionID);
  }

  /** The member interface of an agent, as the PBX reported it; `PJSIP/<extension>` for an agent in no queue yet. */
  private interfaceOf(extension: string): string {
    return this.book.agents[extension] ?? `PJSIP/${extension}`;
  }

  private agentExtensions(): ReadonlySet<string> {
    return new Set(Object.keys(this.book.agents));
  }

  private unknownCall(callId: string): TelephonyError {
    return new TelephonyError('unknown_call', `no call ${callId} on the PBX`, false);
  }
}
