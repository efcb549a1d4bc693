import { Op, type WhereOptions } from 'sequelize';
import { addDays, businessDate, instantOf, SERVICE_LEVEL_GOAL_PERCENT, type CallDay, type CallDayQuery } from '@gasdesk/schema';
import { DEFAULT_CALL_STATE_OPTIONS } from '@gasdesk/cti';
import type { AgentStateCommand, CallCustomerBody, CallList, CallListQuery, CallView, CompanyWallboard, CtiCommandAccepted, WrapUpBody } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import type { Clock } from '../../shared/clock.ts';
import { requireUser } from '../../shared/request-context.ts';
import { Company } from '../companies/company.model.ts';
import { Account } from '../customers/account.model.ts';
import { Customer } from '../customers/customer.model.ts';
import { User } from '../users/user.model.ts';
import { Call, CallQueue } from './call.model.ts';
import { presentCall } from './call.presenter.ts';
import { callDay } from './call-day.ts';
import type { CallEventConsumer } from './call-event-consumer.ts';
import type { CtiCommands } from './cti-commands.ts';

/** The call log as agents and supervisors use it, and the agent's commands to the PBX. */
export class CallCenterService {
  private commands: CtiCommands | null = null;

  constructor(
    private readonly consumer: CallEventConsumer,
    private readonly clock: Clock,
  ) {}

  /** Where agent commands go from now on; a process without a cti link answers them 503. Returns the detach. */
  attachCti(commands: CtiCommands): () => void {
    this.commands = commands;
    return () => {
      if (this.commands === commands) this.commands = null;
    };
  }

  async list(query: CallListQuery): Promise<CallList> {
    const where: WhereOptions<Call> = {
      ...(query.customerId && { customerId: query.customerId }),
      ...(query.accountId && { accountId: query.accountId }),
      ...(query.agentId && { agentId: query.agentId }),
      ...((query.from || query.to) && {
        startedAt: { ...(query.from && { [Op.gte]: new Date(query.from) }), ...(query.to && { [Op.lt]: new Date(query.to) }) },
      }),
    };
    const { rows, count } = await Call.findAndCountAll({ where, order: [['startedAt', 'DESC'], ['id', 'DESC']], limit: query.limit, offset: query.offset });
    return { items: rows.map(presentCall), total: count, limit: query.limit, offset: query.offset };
  }

  async get(id: number): Promise<CallView> {
    return presentCall(await this.load(id));
  }

  /** The agent who took the call closes it with what it was about; only once the call ended. */
  async wrapUp(id: number, body: WrapUpBody): Promise<CallView> {
    const call = await this.ownLeg(id);
    if (!call.endedAt) throw new AppError('conflict', 'the call has not ended yet');
    await call.update({ disposition: body.disposition, note: body.note || null, wrappedUpAt: this.clock.now() });
    return presentCall(call);
  }

  /** The agent's choice among several caller matches (or a customer found by searching). */
  async chooseCustomer(id: number, body: CallCustomerBody): Promise<CallView> {
    const call = await this.ownLeg(id);
    const customer = await Customer.findByPk(body.customerId);
    if (!customer) throw AppError.notFound('customer');
    if (body.accountId !== null) {
      const account = await Account.findByPk(body.accountId);
      if (!account || account.customerId !== customer.id) throw AppError.invalid('accountId', 'not an account of this customer');
    }
    await call.update({ customerId: customer.id, accountId: body.accountId });
    return presentCall(call);
  }

  /**
   * Ready joins the agent's queues (those an admin set, else the company's, else every queue the
   * PBX reports), leaves queues an admin took away, and unpauses; paused pauses everywhere;
   * offline leaves every queue.
   */
  async setAgentState(command: AgentStateCommand): Promise<CtiCommandAccepted> {
    const { commands, extension, queues } = await this.agentLink();
    const current = this.consumer.queuesOf(extension);
    if (command.state === 'paused') await commands.pause(extension, true, command.reason);
    else if (command.state === 'offline') for (const queue of current) await commands.leaveQueue(extension, queue);
    else {
      const wanted = queues.length > 0 ? queues : current.length > 0 ? current : await this.companyQueues();
      for (const queue of wanted.filter((q) => !current.includes(q))) await commands.joinQueue(extension, queue);
      for (const queue of current.filter((q) => !wanted.includes(q))) await commands.leaveQueue(extension, queue);
      await commands.pause(extension, false);
    }
    return { accepted: true, requestId: null };
  }

  private async companyQueues(): Promise<string[]> {
    const assigned = (await CallQueue.findAll({ where: { companyId: requireUser().companyId } })).map((q) => q.name);
    return assigned.length > 0 ? assigned : this.consumer.knownQueues();
  }

  async dial(number: string): Promise<CtiCommandAccepted> {
    const { commands, extension } = await this.agentLink();
    const { requestId } = await commands.dial(extension, number);
    if (requestId) this.consumer.rememberDial(requestId, requireUser().userId);
    return { accepted: true, requestId };
  }

  async hangup(callId: string): Promise<CtiCommandAccepted> {
    const { commands } = await this.agentLink();
    await this.openLegOf(callId);
    await commands.hangup(callId);
    return { accepted: true, requestId: null };
  }

  async transfer(callId: string, target: string): Promise<CtiCommandAccepted> {
    const { commands } = await this.agentLink();
    await this.openLegOf(callId);
    await commands.transfer(callId, target);
    return { accepted: true, requestId: null };
  }

  /** The day's inbound calls by half hour and queue, for the wallboard's chart (see call-day.ts). */
  async day(query: CallDayQuery): Promise<CallDay> {
    const company = await Company.findByPk(requireUser().companyId);
    if (!company) throw AppError.notFound('company');
    const date = query.date ?? businessDate(this.clock.now(), company.timeZone);
    const dayStart = instantOf(`${date} 00:00`, company.timeZone)!;
    const dayEnd = instantOf(`${addDays(date, 1)} 00:00`, company.timeZone)!;
    const legs = await Call.findAll({
      where: { direction: 'inbound', startedAt: { [Op.gte]: dayStart, [Op.lt]: dayEnd }, ...(query.queue && { queue: query.queue }) },
      attributes: ['pbxCallId', 'queue', 'status', 'queuedAt', 'startedAt', 'answeredAt', 'endedAt', 'waitSeconds'],
    });
    // The live wallboard's thresholds (the cti's configuration); the cti's defaults while it has sent none.
    const live = this.wallboard().snapshot?.queues ?? [];
    const threshold = new Map(live.map((q) => [q.queue, q.serviceLevelSeconds]));
    const defaults = DEFAULT_CALL_STATE_OPTIONS;
    return callDay(
      legs.map((l) => ({ pbxCallId: l.pbxCallId, queue: l.queue, status: l.status, startedAt: l.queuedAt ?? l.startedAt, answeredAt: l.answeredAt, endedAt: l.endedAt, waitSeconds: l.waitSeconds })),
      { date, dayStart, timeZone: company.timeZone, queue: query.queue ?? null, goalPercent: SERVICE_LEVEL_GOAL_PERCENT },
      {
        serviceLevelSecondsOf: (queue) => threshold.get(queue) ?? defaults.serviceLevelSeconds[queue] ?? defaults.defaultServiceLevelSeconds,
        shortAbandonSeconds: live[0]?.shortAbandonSeconds ?? defaults.shortAbandonSeconds,
      },
    );
  }

  wallboard(): CompanyWallboard {
    const companyId = requireUser().companyId;
    return this.consumer.wallboardOf(companyId) ?? { companyId, snapshot: null, agents: [] };
  }

  private async load(id: number): Promise<Call> {
    const call = await Call.findByPk(id);
    if (!call) throw AppError.notFound('call');
    return call;
  }

  private async ownLeg(id: number): Promise<Call> {
    const call = await this.load(id);
    if (call.agentId !== requireUser().userId) throw new AppError('forbidden', 'only the agent who took the call may do this');
    return call;
  }

  /** The signed-in agent may act only on a call they are on now. */
  private async openLegOf(callId: string): Promise<void> {
    const leg = await Call.findOne({ where: { pbxCallId: callId, agentId: requireUser().userId, status: ['ringing', 'answered'] } });
    if (!leg) throw AppError.notFound('call');
  }

  private async agentLink(): Promise<{ commands: CtiCommands; extension: string; queues: string[] }> {
    if (!this.commands) throw new AppError('unavailable', 'no telephony link in this process');
    const user = await User.findByPk(requireUser().userId);
    if (!user?.extension) throw new AppError('conflict', 'you have no extension');
    return { commands: this.commands, extension: user.extension, queues: user.queues };
  }
}
