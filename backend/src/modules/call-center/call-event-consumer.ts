import { Op } from 'sequelize';
import { maskPhone, normalizePhone, type CallEvent, type CallEventOf, type CompanyWallboard, type PhoneMatch, type ScreenPop, type WallboardSnapshot } from '@gasdesk/schema';
import type { Clock } from '../../shared/clock.ts';
import type { DomainEventBus } from '../../shared/domain-events.ts';
import type { Logger } from '../../shared/logger.ts';
import { runAs, runAsSystem } from '../../shared/request-context.ts';
import type { CustomerService } from '../customers/customer.service.ts';
import type { SearchService } from '../search/search.service.ts';
import { actorOf } from '../users/user-actor.ts';
import { User } from '../users/user.model.ts';
import { Call, CallQueue } from './call.model.ts';
import { isLegEvent, legChange, legExtension, pickAgent, type LegEvent } from './call-leg.ts';
import { presentCall } from './call.presenter.ts';
import { companyWallboards } from './company-wallboard.ts';

export interface CallEventConsumerOptions {
  /** How long the screen-pop waits for the caller lookup before it is sent without (default 300 ms). */
  lookupTimeoutMs?: number;
  /** The least time between two wallboards sent to one company's supervisors (default 1 s). */
  wallboardIntervalMs?: number;
}

interface WaitingCall {
  queuedAt: Date;
}

const TIMED_OUT = Symbol('timed out');
/** How long the consumer keeps which user an extension is (see userFor). */
const AGENT_CACHE_MS = 3_000;

/** What a call leg has not had yet when the agent's phone starts ringing: the log fills it in as the call goes on. */
const NOT_YET = {
  customerId: null,
  accountId: null,
  answeredAt: null,
  endedAt: null,
  waitSeconds: null,
  talkSeconds: null,
  endReason: null,
  transferTarget: null,
  disposition: null,
  note: null,
  wrappedUpAt: null,
  recordingRef: null,
} as const;

/**
 * Turns the cti's CallEvents into the call log and the desk's live events. Exactly one consumer
 * per deployment writes the log (see README.md); it runs as the system and, for a screen-pop's
 * lookup, as the agent the pop is for, so that only that agent's company is searched.
 *
 * Events of one call are handled one after the other (a leg must exist before it is answered);
 * different calls go on side by side so that one slow lookup never holds up another agent's pop.
 */
export class CallEventConsumer {
  private readonly waiting = new Map<string, WaitingCall>();
  private readonly perCall = new Map<string, Promise<void>>();
  /** Outbound calls we dialled: requestId → the user who clicked, so an extension shared by two companies is still resolved. */
  private readonly dialled = new Map<string, number>();
  private readonly agentCache = new Map<string, { user: User | null; until: number }>();
  /** Extension → the queues it is a member of, from member events: an agent's state names no queue, and extensions repeat across companies. */
  private readonly memberships = new Map<string, Set<string>>();
  private latest: WallboardSnapshot | null = null;
  private boards = new Map<number, CompanyWallboard>();
  private readonly lastSent = new Map<number, number>();
  private readonly pendingSend = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly deps: { search: SearchService; customers: CustomerService; events: DomainEventBus; logger: Logger; clock: Clock },
    private readonly options: CallEventConsumerOptions = {},
  ) {}

  /** Handles one event; resolves when it is applied (tests wait on it, the sink does not). */
  handle(event: CallEvent): Promise<void> {
    if (!('callId' in event)) return this.guard(event, () => this.handleAgentOrBoard(event));
    const previous = this.perCall.get(event.callId) ?? Promise.resolve();
    const next = previous.then(() => this.guard(event, () => this.handleCall(event)));
    this.perCall.set(event.callId, next);
    void next.then(() => {
      if (this.perCall.get(event.callId) === next) this.perCall.delete(event.callId);
    });
    return next;
  }

  /**
   * For a process that is not the consumer (another api replica): keeps the wallboard for
   * `GET /api/cti/wallboard` without writing the log or telling any desk.
   */
  observe(event: CallEvent): Promise<void> {
    return event.type === 'wallboard.snapshot' ? this.guard(event, () => this.wallboard(event, false)) : Promise.resolve();
  }

  /** The user who clicked to dial; the outbound call's leg goes to them. */
  rememberDial(requestId: string, userId: number): void {
    this.dialled.set(requestId, userId);
  }

  /** A company's wallboard as last received; null before the first one. */
  wallboardOf(companyId: number): CompanyWallboard | null {
    return this.boards.get(companyId) ?? null;
  }

  /** The queues an extension is a member of, as the PBX last said. */
  queuesOf(extension: string): string[] {
    return [...(this.memberships.get(extension) ?? [])];
  }

  /** Every queue the PBX reported in the last wallboard. */
  knownQueues(): string[] {
    return this.latest?.queues.map((q) => q.queue) ?? [];
  }

  close(): void {
    for (const timer of this.pendingSend.values()) clearTimeout(timer);
    this.pendingSend.clear();
  }

  private async guard(event: CallEvent, fn: () => Promise<void>): Promise<void> {
    try {
      await runAsSystem('call events', fn);
    } catch (err) {
      this.deps.logger.error({ err, type: event.type }, 'could not handle a CallEvent');
    }
  }

  private async handleCall(event: Extract<CallEvent, { callId: string }>): Promise<void> {
    if (event.type === 'call.queued') {
      this.waiting.set(event.callId, { queuedAt: new Date(event.at) });
      return;
    }
    if (event.type === 'call.ringing') return this.ringing(event);
    if (event.type === 'call.outbound_started') return this.outboundStarted(event);
    if (isLegEvent(event)) await this.updateLegs(event);
    if (event.type === 'call.ended' || event.type === 'call.abandoned') this.waiting.delete(event.callId);
  }

  private async ringing(event: CallEventOf<'call.ringing'>): Promise<void> {
    const started = performance.now();
    const user = await this.userFor(event.agent.extension, event.queue);
    if (!user) {
      this.deps.logger.warn({ extension: event.agent.extension, queue: event.queue }, 'no user has the ringing extension: no screen-pop');
      return;
    }
    // The caller lookup starts first: it is what the pop waits for (at most the timeout).
    const lookup = runAs(actorOf(user), () => this.lookup(event));
    const timeoutMs = this.options.lookupTimeoutMs ?? 300;
    let timer: NodeJS.Timeout | undefined;
    const lookedUp = Promise.race([lookup, new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)))]).finally(() => clearTimeout(timer));
    // A ring that pops nothing (a replay) leaves the lookup unawaited: its failure must not go unhandled.
    lookedUp.catch(() => undefined);
    const existing = await Call.findOne({ where: { companyId: user.companyId, pbxCallId: event.callId, agentExtension: event.agent.extension } });
    const change = existing ? legChange(existing, event) : null;
    // A replayed ring of a leg still ringing or already answered pops nothing: one pop per ring.
    if (existing && (!change || existing.status === 'ringing')) return;
    // The leg is written while the lookup runs, and the pop does not wait for the write to commit:
    // a commit can stall on the disk, and the agent's phone is ringing now.
    const written: { leg: Call | null } = { leg: null };
    const writing = (existing ? existing.update(change!) : this.createLeg(event, user)).then((leg) => (written.leg = leg));
    writing.catch(() => undefined);
    const raced = await lookedUp;
    const { account, cardNumber, meterNumber } = event.ivr;
    const pop: ScreenPop = {
      callId: event.callId,
      callLogId: written.leg?.id ?? null,
      callerNumber: event.callerNumber ? maskPhone(event.callerNumber) : null,
      queue: event.queue,
      lane: event.ivr.lane ?? null,
      ivr: { ...(account && { account }), ...(cardNumber && { cardNumber }), ...(meterNumber && { meterNumber }) },
      matches: raced === TIMED_OUT ? [] : raced,
      lookupTimedOut: raced === TIMED_OUT,
      at: this.deps.clock.now().toISOString(),
    };
    this.deps.events.emit('call.screen_pop', { userId: user.id, pop });
    const leg = await writing;
    // The pop went out before its log row was written: the desk learns the row's id from the update.
    if (pop.callLogId === null) this.deps.events.emit('call.updated', { userId: user.id, update: { callId: event.callId, call: presentCall(leg) } });
    this.deps.logger.info(
      { callId: event.callId, userId: user.id, matches: pop.matches.length, lookupTimedOut: pop.lookupTimedOut, ms: Math.round(performance.now() - started) },
      'screen-pop sent',
    );
    // The log keeps the customer only when there is no choice to make; otherwise the agent picks (POST /calls/:id/customer).
    const matches = await lookup.catch(() => []);
    if (matches.length === 1) await leg.update({ customerId: matches[0]!.customerId, accountId: matches[0]!.accountId });
  }

  /** The agent's leg of a ringing inbound call, as the log keeps it. */
  private async createLeg(event: CallEventOf<'call.ringing'>, user: User): Promise<Call> {
    const queuedAt = this.waiting.get(event.callId)?.queuedAt ?? null;
    return Call.create({
      companyId: user.companyId,
      pbxCallId: event.callId,
      agentExtension: event.agent.extension,
      direction: 'inbound',
      status: 'ringing',
      callerE164: event.callerNumber ? await this.e164(event.callerNumber, user.companyId) : null,
      queue: event.queue,
      lane: event.ivr.lane ?? null,
      agentId: user.id,
      queuedAt,
      ringingAt: new Date(event.at),
      startedAt: queuedAt ?? new Date(event.at),
      ...NOT_YET,
    });
  }

  /** The caller's accounts by number, and the account the IVR collected, without duplicates. */
  private async lookup(event: CallEventOf<'call.ringing'>): Promise<PhoneMatch[]> {
    const [byPhone, byAccount] = await Promise.all([
      event.callerNumber ? this.deps.search.byPhone(event.callerNumber).then((r) => r.matches) : [],
      event.ivr.account ? this.deps.search.byAccountNo(event.ivr.account) : [],
    ]);
    const seen = new Set(byPhone.map((m) => `${m.customerId}/${m.accountId ?? ''}`));
    return [...byAccount.filter((m) => !seen.has(`${m.customerId}/${m.accountId ?? ''}`)), ...byPhone];
  }

  private async outboundStarted(event: CallEventOf<'call.outbound_started'>): Promise<void> {
    const clicked = event.requestId ? this.dialled.get(event.requestId) : undefined;
    if (event.requestId) this.dialled.delete(event.requestId);
    const user = clicked ? await User.findByPk(clicked) : await this.userFor(event.agent.extension, null);
    if (!user) {
      this.deps.logger.warn({ extension: event.agent.extension }, 'no user has the dialling extension: outbound call not logged');
      return;
    }
    const at = new Date(event.at);
    const [leg] = await Call.findOrCreate({
      where: { companyId: user.companyId, pbxCallId: event.callId, agentExtension: event.agent.extension },
      defaults: {
        companyId: user.companyId,
        pbxCallId: event.callId,
        agentExtension: event.agent.extension,
        direction: 'outbound',
        status: 'ringing',
        callerE164: await this.e164(event.number, user.companyId),
        queue: null,
        lane: null,
        agentId: user.id,
        queuedAt: null,
        ringingAt: at,
        startedAt: at,
        ...NOT_YET,
      },
    });
    this.deps.events.emit('call.updated', { userId: user.id, update: { callId: event.callId, call: presentCall(leg) } });
  }

  private async updateLegs(event: LegEvent): Promise<void> {
    const extension = legExtension(event);
    // A transfer may be reported after the leg it ended: its target is recorded on a closed leg too.
    const open = event.type === 'call.transferred' ? {} : { status: { [Op.notIn]: ['ended', 'transferred'] } };
    const legs = await Call.findAll({ where: { pbxCallId: event.callId, ...(extension && { agentExtension: extension }), ...open } });
    // A transfer names no leg when the cti did not know the agent: it is about the leg that talked.
    const targets = event.type === 'call.transferred' && !extension ? legs.filter((l) => l.answeredAt !== null) : legs;
    for (const leg of targets) {
      const change = legChange(leg, event);
      if (!change) continue;
      await leg.update(change);
      if (leg.agentId) this.deps.events.emit('call.updated', { userId: leg.agentId, update: { callId: event.callId, call: presentCall(leg) } });
    }
  }

  private async handleAgentOrBoard(event: Exclude<CallEvent, { callId: string }>): Promise<void> {
    if (event.type === 'wallboard.snapshot') return this.wallboard(event);
    if (event.type === 'queue.member_status') {
      const queues = this.memberships.get(event.agent.extension) ?? new Set<string>();
      this.memberships.set(event.agent.extension, queues.add(event.queue));
      return;
    }
    if (event.type === 'queue.member_removed') {
      this.memberships.get(event.agent.extension)?.delete(event.queue);
      return;
    }
    if (event.type === 'call.outbound_failed') {
      if (event.requestId) this.dialled.delete(event.requestId);
      return;
    }
    if (event.type !== 'agent.state') return;
    const queue = this.queuesOf(event.agent.extension)[0] ?? null;
    const user = await this.userFor(event.agent.extension, queue);
    if (!user) return;
    this.deps.events.emit('agent.state_changed', {
      userId: user.id,
      state: { extension: event.agent.extension, state: event.state, pauseReason: event.pauseReason, since: event.since },
    });
  }

  private async wallboard(event: CallEventOf<'wallboard.snapshot'>, send = true): Promise<void> {
    const { type: _type, source: _source, ...snapshot } = event;
    this.latest = snapshot;
    for (const agent of snapshot.agents) this.memberships.set(agent.agent.extension, new Set(agent.queues));
    const extensions = snapshot.agents.map((a) => a.agent.extension);
    const [users, queues] = await Promise.all([
      extensions.length > 0 ? User.findAll({ where: { extension: extensions, disabled: false }, attributes: ['id', 'companyId', 'extension', 'displayName'] }) : [],
      CallQueue.findAll(),
    ]);
    const boards = companyWallboards(
      snapshot,
      users.map((u) => ({ id: u.id, companyId: u.companyId, extension: u.extension!, displayName: u.displayName })),
      new Map(queues.map((q) => [q.name, q.companyId])),
    );
    this.boards = new Map(boards.map((b) => [b.companyId, b]));
    if (send) for (const board of boards) this.sendCoalesced(board.companyId);
  }

  /** At most one wallboard a second per company: a newer one within the second replaces the one waiting. */
  private sendCoalesced(companyId: number): void {
    if (this.pendingSend.has(companyId)) return;
    const interval = this.options.wallboardIntervalMs ?? 1_000;
    const wait = Math.max(0, (this.lastSent.get(companyId) ?? -Infinity) + interval - Date.now());
    const send = () => {
      this.pendingSend.delete(companyId);
      this.lastSent.set(companyId, Date.now());
      const wallboard = this.boards.get(companyId);
      if (wallboard) this.deps.events.emit('wallboard.updated', { wallboard });
    };
    if (wait === 0) send();
    else this.pendingSend.set(companyId, setTimeout(send, wait));
  }

  /** The user whose extension rings for a call in `queue` (see `pickAgent`). */
  /**
   * Which user an extension is. Every agent-state and member event asks (several per call), and at a
   * busy hour those lookups would hold the database connections the screen-pops need, so the
   * answer is kept for AGENT_CACHE_MS: an extension given to another user is followed that soon.
   */
  private async userFor(extension: string, queue: string | null): Promise<User | null> {
    const key = `${extension}|${queue ?? ''}`;
    const now = this.deps.clock.now().getTime();
    const cached = this.agentCache.get(key);
    if (cached && cached.until > now) return cached.user;
    const [candidates, assigned] = await Promise.all([User.findAll({ where: { extension, disabled: false } }), queue ? CallQueue.findByPk(queue) : null]);
    const user = pickAgent(candidates, assigned?.companyId ?? null);
    this.agentCache.set(key, { user, until: now + AGENT_CACHE_MS });
    return user;
  }

  /** E.164 when the number can be read with the company's defaults; the raw caller id otherwise, so nothing is lost. */
  private async e164(number: string, companyId: number): Promise<string> {
    const defaults = await this.deps.customers.phoneDefaults(companyId);
    return normalizePhone(number, { defaultCountryCode: defaults.defaultCountryCode, ...(defaults.defaultAreaCode && { defaultAreaCode: defaults.defaultAreaCode }) })?.e164 ?? number;
  }
}
