import type { AgentRef, CallEvent, DeviceStatus, QueueMember } from '@gasdesk/schema';
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import Srf from 'drachtio-srf';
import type { PbxCall, PbxSnapshot, QueueSummary } from '../pbx-snapshot.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import { TypedEmitter } from '../shared/typed-emitter.ts';
import { TelephonyError, type ConnectionStatus, type OriginateRequest, type TelephonyCapability, type TelephonyDriver, type TelephonyDriverEvents } from '../telephony-driver.ts';
import {
  abandonedEvents,
  answeredEvents,
  callFromInvite,
  endedEvent,
  outboundAnsweredEvent,
  outboundEndedEvent,
  outboundFailedEvent,
  outboundStartedEvent,
  queuedEvent,
  ringingEvent,
  ringNoAnswerEvent,
  type SipCall,
  type SipInvite,
  type SipOutboundCall,
} from './sip-to-call-event.ts';

/** An agent's phone the driver rings: our key for the agent (the extension) and where its INVITE goes. */
export interface SipAgent {
  extension: string;
  /** `sip:7001@10.0.0.21:5062`: where the phone registered or is reachable. */
  uri: string;
}

export interface SipDriverSettings {
  /** drachtio-server's command port (`DRACHTIO_HOST`, `DRACHTIO_PORT`, `DRACHTIO_SECRET`). */
  host: string;
  port: number;
  secret: string;
  /** The agents rung round-robin, in this order. */
  agents: readonly SipAgent[];
  /** The name inbound calls wait under in CallEvents and on the wallboard. Default `sip`. */
  queue?: string;
  /** `sip:{number}@carrier.example`: where click-to-dial calls the customer. Without it the driver cannot originate. */
  outboundUri?: string;
}

export interface SipDriverDeps {
  clock: Clock;
  logger: Logger;
}

/** The IVR headers passed on to the agent's phone too, so that a desk phone can show them. */
const IVR_HEADERS = ['X-Account', 'X-Card', 'X-Meter', 'X-Lane'];

/** What this first version can do, click-to-dial aside; transfers, pauses and members need a PBX or REFER support. */
const CAPABILITIES: readonly TelephonyCapability[] = ['hangup', 'queueStatus'];

/** The call, and its two legs (caller or customer, and agent) once both are connected. */
interface LiveCall {
  call: SipCall;
  legs: Srf.Dialog[] | null;
}

interface LiveOutbound {
  call: SipOutboundCall;
  legs: Srf.Dialog[] | null;
}

/**
 * `createUAC` with `noAck` and no SDP of ours (third-party call control): drachtio-srf resolves
 * with the phone's offer and leaves the ACK, carrying the answer, to us. Its types miss this shape.
 */
interface UnacknowledgedLeg {
  sdp: string;
  ack(sdp: string): Promise<Srf.Dialog>;
  destroy(): Promise<void>;
}

/** The SIP status of a failed `createUAC`/`createB2BUA` (drachtio-srf's `SipError`); 0 when it is another failure. */
const sipStatus = (error: unknown): number => (error instanceof Error && 'status' in error && typeof error.status === 'number' ? error.status : 0);

/** The INVITE middleware leaves its findings on the request for the next step, as jambonz does with `req.locals`. */
type InviteRequest = Srf.SrfRequest & { gasdesk?: { callId: string; agent?: SipAgent } };

const header = (req: Srf.SrfRequest, name: string): string | null => (req.has(name) ? req.get(name) : null);

/**
 * The SIP driver: drachtio-srf on a drachtio-server that receives the trunk's calls, for
 * deployments without Asterisk. An inbound INVITE waits in one queue (`settings.queue`); the driver
 * rings the next ready agent round-robin with a B2BUA leg, and follows the call by its SIP
 * requests. The PBX is the driver itself, so `resync` and `queueStatus` report its own calls.
 */
export class SipDriver implements TelephonyDriver {
  readonly name = 'sip';
  readonly source = 'sip' as const;
  readonly capabilities: ReadonlySet<TelephonyCapability>;
  private readonly emitter = new TypedEmitter<TelephonyDriverEvents>();
  private readonly calls = new Map<string, LiveCall>();
  private readonly outbound = new Map<string, LiveOutbound>();
  private readonly queue: string;
  private srf: Srf | null = null;
  private current: ConnectionStatus = 'idle';
  private nextAgent = 0;

  constructor(
    private readonly settings: SipDriverSettings,
    private readonly deps: SipDriverDeps,
  ) {
    this.queue = settings.queue ?? 'sip';
    this.capabilities = new Set<TelephonyCapability>([...CAPABILITIES, ...(settings.outboundUri ? (['originate'] as const) : [])]);
  }

  status(): ConnectionStatus {
    return this.current;
  }

  on<K extends keyof TelephonyDriverEvents>(name: K, listener: (payload: TelephonyDriverEvents[K]) => void): () => void {
    return this.emitter.on(name, listener);
  }

  connect(): Promise<void> {
    if (this.srf) return Promise.resolve();
    const srf = new Srf();
    this.srf = srf;
    srf.use('invite', (req, _res, next) => this.readInvite(req as InviteRequest, next as () => void));
    srf.use('invite', (req, res, next) => this.pickAgent(req as InviteRequest, res, next as () => void));
    srf.invite((req, res) => void this.bridge(req as InviteRequest, res));
    this.setStatus('connecting', null);
    return new Promise((resolve, reject) => {
      let first = true;
      srf.on('connect', (err) => {
        if (this.current === 'closed') return;
        if (err) {
          // Only the secret can make drachtio refuse us, and retrying does not change it.
          this.shutdown('authentication failed');
          if (first) reject(new TelephonyError('authentication_failed', 'drachtio-server refused the secret', false));
          return;
        }
        first = false;
        this.emitter.emit('resync', this.snapshot());
        this.setStatus('connected', null);
        resolve();
      });
      // drachtio-srf reconnects by itself (backoff ×1.7 from 150 ms); we only report the gap.
      // drachtio-srf's types omit the `close` it forwards from its socket: listen as a plain emitter.
      const link: EventEmitter = srf;
      link.on('close', () => {
        if (this.current !== 'closed') this.setStatus('disconnected', 'drachtio connection closed');
      });
      srf.on('error', (err) => {
        if (this.current !== 'closed') this.setStatus('disconnected', err.message);
      });
      srf.connect({ host: this.settings.host, port: this.settings.port, secret: this.settings.secret });
    });
  }

  async close(): Promise<void> {
    this.shutdown(null);
  }

  private shutdown(error: string | null): void {
    const srf = this.srf;
    if (this.current === 'closed') return;
    this.setStatus('closed', error);
    if (!srf) return;
    // Stops drachtio-srf's own retries too; it throws when there is no socket to end.
    try {
      srf.disconnect();
    } catch (error) {
      this.deps.logger.debug({ err: error }, 'drachtio disconnect while not connected');
    }
  }

  async hangup({ callId }: { callId: string }): Promise<void> {
    this.requireConnected();
    const inbound = this.calls.get(callId);
    const outbound = this.outbound.get(callId);
    const legs = inbound?.legs ?? outbound?.legs;
    if (!inbound && !outbound) throw new TelephonyError('unknown_call', `no call ${callId}`, false);
    if (!legs) throw new TelephonyError('rejected', 'the SIP driver hangs up connected calls only', false);
    // The customer's side counts as hanging up, as on Asterisk's `Hangup` of the caller's channel.
    if (inbound) this.finish(inbound, 'caller');
    if (outbound) this.finishOutbound(outbound, 'caller');
    for (const leg of legs) leg.destroy();
  }

  /** Click-to-dial: rings the agent's phone; when it answers, calls the customer through `outboundUri` and joins the two. */
  async originate({ agent, number }: OriginateRequest): Promise<{ requestId: string }> {
    const outboundUri = this.settings.outboundUri;
    if (!outboundUri) return this.unsupported('originate');
    this.requireConnected();
    const phone = this.settings.agents.find((a) => a.extension === agent);
    if (!phone) throw new TelephonyError('rejected', `no SIP agent ${agent} is configured`, false);
    const live: LiveOutbound = { call: { callId: randomUUID(), agent: { extension: phone.extension, interface: phone.uri }, number, answeredAt: null }, legs: null };
    this.outbound.set(live.call.callId, live);
    void this.dial(live, phone.uri, outboundUri.replace('{number}', number));
    return { requestId: live.call.callId };
  }

  redirect(): Promise<void> {
    return this.unsupported('redirect');
  }

  attendedTransfer(): Promise<void> {
    return this.unsupported('attendedTransfer');
  }

  pause(): Promise<void> {
    return this.unsupported('pause');
  }

  addMember(): Promise<void> {
    return this.unsupported('members');
  }

  removeMember(): Promise<void> {
    return this.unsupported('members');
  }

  async queueStatus(): Promise<PbxSnapshot> {
    this.requireConnected();
    return this.snapshot();
  }

  async queueSummary(): Promise<QueueSummary[]> {
    this.requireConnected();
    const { members, calls } = this.snapshot();
    const waiting = calls.filter((c) => c.queue !== null);
    return [
      {
        queue: this.queue,
        loggedIn: members.length,
        available: members.filter((m) => m.status === 'not_in_use').length,
        callers: waiting.length,
        // Averages of completed calls are the reducer's job (queue-stats); the driver keeps no history.
        holdTime: 0,
        talkTime: 0,
        longestHoldTime: Math.max(0, ...waiting.map((c) => c.waitSeconds ?? 0)),
      },
    ];
  }

  /** Middleware 1: reads caller, called number and IVR digits, and announces the waiting caller. */
  private readInvite(req: InviteRequest, next: () => void): void {
    const invite: SipInvite = {
      callId: req.get('Call-ID'),
      requestUri: req.uri,
      from: req.get('From'),
      pAssertedIdentity: header(req, 'P-Asserted-Identity'),
      xAccount: header(req, 'X-Account'),
      xCard: header(req, 'X-Card'),
      xMeter: header(req, 'X-Meter'),
      xLane: header(req, 'X-Lane'),
    };
    const waiting = [...this.calls.values()].filter((c) => c.legs === null).length;
    const call = callFromInvite(invite, this.queue, waiting + 1, this.now());
    this.calls.set(call.callId, { call, legs: null });
    this.emit([queuedEvent(call)]);
    req.gasdesk = { callId: call.callId };
    next();
  }

  /** Middleware 2: the next ready agent round-robin; with none ready the caller is turned away (486). */
  private pickAgent(req: InviteRequest, res: Srf.SrfResponse, next: () => void): void {
    const found = req.gasdesk!;
    const busy = new Set([...this.calls.values(), ...this.outbound.values()].map((c) => c.call.agent?.extension));
    const agents = this.settings.agents;
    for (let i = 0; i < agents.length; i++) {
      const agent = agents[(this.nextAgent + i) % agents.length]!;
      if (busy.has(agent.extension)) continue;
      this.nextAgent = (this.nextAgent + i + 1) % agents.length;
      found.agent = agent;
      next();
      return;
    }
    const live = this.calls.get(found.callId)!;
    this.calls.delete(live.call.callId);
    this.emit(abandonedEvents(live.call, this.now()));
    res.send(486);
  }

  /** The handler: rings the agent with a B2BUA leg and follows answer, CANCEL and BYE. */
  private async bridge(req: InviteRequest, res: Srf.SrfResponse): Promise<void> {
    const { callId, agent } = req.gasdesk!;
    const live = this.calls.get(callId)!;
    if (!agent) throw new Error('INVITE reached the handler without an agent');
    const ref: AgentRef = { extension: agent.extension, interface: agent.uri };
    let canceled = false;
    req.on('cancel', () => {
      canceled = true;
    });
    const ringing = ringingEvent(live.call, ref, this.now());
    live.call = ringing.call;
    this.emit(ringing.events);
    try {
      const dialogs = await this.srf!.createB2BUA(req, res, agent.uri, { proxyRequestHeaders: IVR_HEADERS });
      const answered = answeredEvents(live.call, this.now());
      live.call = answered.call;
      live.legs = [dialogs.uas, dialogs.uac];
      this.emit(answered.events);
      // Whoever sends the BYE destroys their own dialog; drachtio-srf does not end the other leg.
      dialogs.uas.on('destroy', () => {
        if (this.finish(live, 'caller')) dialogs.uac.destroy();
      });
      dialogs.uac.on('destroy', () => {
        if (this.finish(live, 'agent')) dialogs.uas.destroy();
      });
    } catch (error) {
      this.calls.delete(live.call.callId);
      const now = this.now();
      // A CANCEL from the caller and a refusal by the agent's phone both end in a SIP error here.
      this.emit(canceled ? abandonedEvents(live.call, now) : [ringNoAnswerEvent(live.call, now), ...abandonedEvents(live.call, now)]);
      if (!canceled) this.deps.logger.info({ err: error, agent: agent.extension }, 'agent leg failed');
    }
  }

  /** The two legs of a click-to-dial, third-party call control style: the agent's phone offers, the customer answers. */
  private async dial(live: LiveOutbound, agentUri: string, customerUri: string): Promise<void> {
    const srf = this.srf!;
    let agentLeg: UnacknowledgedLeg;
    try {
      agentLeg = (await srf.createUAC(agentUri, { noAck: true })) as unknown as UnacknowledgedLeg;
    } catch (error) {
      this.outbound.delete(live.call.callId);
      this.emit([outboundFailedEvent(live.call, sipStatus(error), this.now())]);
      return;
    }
    this.emit([outboundStartedEvent(live.call, this.now())]);
    try {
      const customer = await srf.createUAC(customerUri, { localSdp: agentLeg.sdp });
      const agentDialog = await agentLeg.ack(customer.remote.sdp);
      const answered = outboundAnsweredEvent(live.call, this.now());
      live.call = answered.call;
      live.legs = [customer, agentDialog];
      this.emit(answered.events);
      customer.on('destroy', () => {
        if (this.finishOutbound(live, 'caller')) agentDialog.destroy();
      });
      agentDialog.on('destroy', () => {
        if (this.finishOutbound(live, 'agent')) customer.destroy();
      });
    } catch (error) {
      this.deps.logger.info({ err: error, agent: live.call.agent.extension }, 'click-to-dial: the customer leg failed');
      await agentLeg.destroy().catch(() => undefined);
      this.finishOutbound(live, 'unanswered');
    }
  }

  private finishOutbound(live: LiveOutbound, by: 'caller' | 'agent' | 'unanswered'): boolean {
    if (!this.outbound.delete(live.call.callId)) return false;
    this.emit([outboundEndedEvent(live.call, by, this.now())]);
    return true;
  }

  /** Reports the end once, whichever leg's BYE or our own hangup came first; false when already reported. */
  private finish(live: LiveCall, by: 'caller' | 'agent'): boolean {
    if (!this.calls.delete(live.call.callId)) return false;
    this.emit([endedEvent(live.call, by, this.now())]);
    return true;
  }

  private snapshot(): PbxSnapshot {
    const at = this.now();
    const waited = (since: string) => Math.max(0, Math.floor((Date.parse(at) - Date.parse(since)) / 1000));
    const inbound: PbxCall[] = [...this.calls.values()].map(({ call, legs }) => ({
      callId: call.callId,
      direction: 'inbound',
      callerNumber: call.callerNumber,
      callerName: call.callerName,
      calledNumber: call.calledNumber,
      queue: legs ? null : call.queue,
      position: legs ? null : call.position,
      waitSeconds: legs ? null : waited(call.arrivedAt),
      ringing: !legs && call.agent ? [call.agent] : [],
      agent: legs ? call.agent : null,
      answered: legs !== null,
      ivr: call.ivr,
    }));
    const outbound: PbxCall[] = [...this.outbound.values()].map(({ call, legs }) => ({
      callId: call.callId,
      direction: 'outbound',
      // As the AMI driver reports it: the agent's phone places the call.
      callerNumber: call.agent.extension,
      callerName: null,
      calledNumber: call.number,
      queue: null,
      position: null,
      waitSeconds: null,
      ringing: [],
      agent: call.agent,
      answered: legs !== null,
      ivr: {},
    }));
    const live = [...this.calls.values(), ...this.outbound.values()];
    const members: QueueMember[] = this.settings.agents.map((agent) => {
      const call = live.find((c) => c.call.agent?.extension === agent.extension);
      const status: DeviceStatus = !call ? 'not_in_use' : call.legs ? 'in_use' : 'ringing';
      return {
        queue: this.queue,
        agent: { extension: agent.extension, interface: agent.uri },
        name: null,
        status,
        paused: false,
        pausedReason: null,
        inCall: call?.legs != null,
        callsTaken: 0,
        lastCallAt: null,
        penalty: 0,
      };
    });
    return { at, source: this.source, calls: [...inbound, ...outbound], members };
  }

  private emit(events: CallEvent[]): void {
    for (const event of events) {
      this.deps.logger.debug({ event }, 'call event');
      this.emitter.emit('event', event);
    }
  }

  private requireConnected(): void {
    if (this.current !== 'connected') throw new TelephonyError('not_connected', `SIP driver is ${this.current}`, true);
  }

  private async unsupported(action: TelephonyCapability): Promise<never> {
    this.requireConnected();
    throw new TelephonyError('rejected', `the SIP driver cannot ${action} (not supported in this version)`, false);
  }

  private setStatus(status: ConnectionStatus, error: string | null): void {
    if (this.current === status) return;
    this.current = status;
    this.emitter.emit('status', { status, at: this.now(), error });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
