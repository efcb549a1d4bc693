import { expect } from 'chai';
import type { AccountView, CallDay, CallList, CallView, CompanyWallboard, CtiCommandAccepted, CustomerView, ScreenPop, ServerToClientEvents } from '@gasdesk/schema';
import { CallQueue } from '../../backend/src/modules/call-center/call.model.ts';
import { startCtiLink, type CtiLink } from '../../backend/src/modules/call-center/cti-link.ts';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser, unique } from '../support/factories.ts';
import { connectSocket, type DeskSocket } from '../support/socket.ts';

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** Everything a socket received, by event, so that tests can say what did not arrive too. */
function record(socket: DeskSocket) {
  const seen: Partial<Record<EventName, unknown[]>> = {};
  socket.onAny((name: EventName, payload: unknown) => {
    (seen[name] ??= []).push(payload);
  });
  return {
    of: <E extends EventName>(name: E): Payload<E>[] => (seen[name] ?? []) as Payload<E>[],
    /** The call-log row of a pop: in the pop, or — when the pop went out before the row was written — in the update that follows it. */
    async logIdOf(pop: ScreenPop): Promise<number> {
      return pop.callLogId ?? (await this.next('call:updated', (u) => u.callId === pop.callId)).call.id;
    },
    async next<E extends EventName>(name: E, matches: (p: Payload<E>) => boolean, timeoutMs = 10_000): Promise<Payload<E>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = ((seen[name] ?? []) as Payload<E>[]).find(matches);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${name} in time; got ${JSON.stringify(seen[name] ?? [])}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('call center: screen-pops, call log, wrap-up and agent commands against the PBX simulator', () => {
  const queue = unique('q-service');
  let link: CtiLink;
  let agentApi: Api;
  let supervisorApi: Api;
  let otherApi: Api;
  let customer: CustomerView;
  let agentId: number;
  let clerkApi: Api;
  let mine: ReturnType<typeof record>;
  let theirs: ReturnType<typeof record>;
  let supervising: ReturnType<typeof record>;
  const sockets: DeskSocket[] = [];

  before(async () => {
    const company = await makeCompany();
    await runAsSystem('test', () => CallQueue.create({ name: queue, companyId: company.id }));
    const agent = await makeUser(company.id, 'agent', { extension: '7001' });
    const other = await makeUser(company.id, 'agent', { extension: '7002' });
    const supervisor = await makeUser(company.id, 'supervisor', { extension: '7009' });
    clerkApi = await new Api(app().url).login((await makeUser(company.id, 'billing_clerk')).username, TEST_PASSWORD, freshIp());
    agentId = agent.id;
    link = await startCtiLink(app().c, {
      demo: false,
      simulator: { queues: [queue], members: [{ queue, extension: '7001' }, { queue, extension: '7002' }], originateAnswerMs: 50, customerAnswerMs: 50, recordCalls: true },
    });
    agentApi = await new Api(app().url).login(agent.username, TEST_PASSWORD, freshIp());
    supervisorApi = await new Api(app().url).login(supervisor.username, TEST_PASSWORD, freshIp());
    otherApi = await new Api(app().url).login(other.username, TEST_PASSWORD, freshIp());
    const reply = await agentApi.post<CustomerView>('/api/customers', { type: 'residential', name: '王来电', phones: [{ number: '138 1234 0001' }] });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(201);
    customer = reply.body;
    const a = await connectSocket(app().url, agentApi.token!);
    const b = await connectSocket(app().url, otherApi.token!);
    const s = await connectSocket(app().url, supervisorApi.token!);
    sockets.push(a.socket, b.socket, s.socket);
    mine = record(a.socket);
    theirs = record(b.socket);
    supervising = record(s.socket);
  });

  after(async () => {
    for (const s of sockets) s.disconnect();
    await link?.close();
  });

  it('should pop the matched customer to the ringing agent only, log wait and talk, and require a disposition when the agent wraps up', async () => {
    const pbx = link.simulator!.pbx;
    const callId = pbx.queueCall({ callerNumber: '13812340001', calledNumber: '057188881234', queue, ivr: { lane: 'service' } });
    pbx.ringAgent(callId, '7001');
    const pop = await mine.next('call:screen-pop', (p) => p.callId === callId);
    const logId = await mine.logIdOf(pop);
    expect(pop).to.deep.equal({
      callId,
      callLogId: pop.callLogId,
      callerNumber: '138****0001',
      queue,
      lane: 'service',
      ivr: {},
      matches: [
        { customerId: customer.id, customerNo: customer.customerNo, name: '王来电', accountId: null, accountNo: null, accountStatus: null, category: null, address: null, matchedVia: 'customer', contactName: null },
      ],
      lookupTimedOut: false,
      at: pop.at,
    } satisfies ScreenPop);

    await sleep(1_100);
    pbx.answer(callId, '7001');
    await mine.next('call:updated', (u) => u.callId === callId && u.call.status === 'answered');
    await sleep(1_100);
    pbx.hangup(callId, 'caller');
    const ended = await mine.next('call:updated', (u) => u.callId === callId && u.call.status === 'ended');
    expect(mine.of('call:screen-pop').filter((p) => p.callId === callId)).to.have.length(1);
    expect(theirs.of('call:screen-pop')).to.deep.equal([]);
    expect(theirs.of('call:updated')).to.deep.equal([]);
    expect(mine.of('agent:state').map((s) => s.state)).to.include.members(['ringing', 'on_call']);
    expect(theirs.of('agent:state').map((s) => s.extension)).not.to.include('7001');

    const logged = (await agentApi.get<CallView>(`/api/calls/${logId}`)).body;
    expect(logged).to.deep.equal(ended.call);
    expect(logged).to.deep.include({
      pbxCallId: callId,
      direction: 'inbound',
      status: 'ended',
      callerNumber: '+86138****0001',
      queue,
      lane: 'service',
      agentId,
      agentExtension: '7001',
      customerId: customer.id,
      accountId: null,
      endReason: 'caller_hangup',
      disposition: null,
      recordingRef: `/var/spool/asterisk/monitor/q-${queue}-${callId}.wav`,
    });
    expect(logged.waitSeconds).to.be.within(1, 2);
    expect(logged.talkSeconds).to.be.within(1, 2);
    expect(Date.parse(logged.endedAt!) - Date.parse(logged.answeredAt!)).to.be.at.least(1_000);

    const refused = await agentApi.post<{ error: { code: string } }>(`/api/calls/${logged.id}/wrap-up`, { note: '咨询账单' });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.code).to.equal('validation_failed');
    const notHers = await supervisorApi.post(`/api/calls/${logged.id}/wrap-up`, { disposition: 'billing_query' });
    expect(notHers.status).to.equal(403);
    const wrapped = await agentApi.post<CallView>(`/api/calls/${logged.id}/wrap-up`, { disposition: 'billing_query', note: '咨询账单' });
    expect(wrapped.status, JSON.stringify(wrapped.body)).to.equal(200);
    expect(wrapped.body).to.deep.include({ disposition: 'billing_query', note: '咨询账单' });

    const list = (await supervisorApi.get<CallList>(`/api/calls?customerId=${customer.id}`)).body;
    expect(list.items).to.deep.equal([wrapped.body]);
    expect(list.total).to.equal(1);
  });

  it('should pop an unknown caller with no matches, and let the agent pick the customer, when nobody has the number', async () => {
    const pbx = link.simulator!.pbx;
    const callId = pbx.queueCall({ callerNumber: '13987650002', calledNumber: '057188881234', queue });
    pbx.ringAgent(callId, '7002');
    const pop = await theirs.next('call:screen-pop', (p) => p.callId === callId);
    const logId = await theirs.logIdOf(pop);
    expect(pop).to.deep.include({ callerNumber: '139****0002', matches: [], lookupTimedOut: false, lane: null });
    pbx.hangup(callId, 'caller');
    const abandoned = await theirs.next('call:updated', (u) => u.callId === callId && u.call.status === 'abandoned');
    expect(abandoned.call).to.deep.include({ customerId: null, answeredAt: null, talkSeconds: null });
    const chosen = await otherApi.post<CallView>(`/api/calls/${logId}/customer`, { customerId: customer.id });
    expect(chosen.status, JSON.stringify(chosen.body)).to.equal(200);
    expect(chosen.body).to.deep.include({ customerId: customer.id, accountId: null });
    expect((await agentApi.post(`/api/calls/${logId}/customer`, { customerId: customer.id })).status).to.equal(403);
    expect(mine.of('call:screen-pop').some((p) => p.callId === callId)).to.equal(false);
  });

  it('should pop the account the caller keyed into the IVR when the number matches nobody', async () => {
    const holder = (await clerkApi.post<CustomerView>('/api/customers', { type: 'residential', name: '李户号' })).body;
    const accountNo = unique('T').toUpperCase();
    const opened = await clerkApi.post<AccountView>(`/api/customers/${holder.id}/accounts`, {
      premise: { district: '西湖区', community: '翠苑一区', building: '3幢', unit: '2单元', room: '601室' },
      category: 'residential_general',
      openedOn: '2026-01-05',
      accountNo,
    });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const pbx = link.simulator!.pbx;
    const callId = pbx.queueCall({ callerNumber: '13987650003', calledNumber: '057188881234', queue, ivr: { account: accountNo, lane: 'service' } });
    pbx.ringAgent(callId, '7001');
    const pop = await mine.next('call:screen-pop', (p) => p.callId === callId);
    expect(pop.ivr).to.deep.equal({ account: accountNo });
    expect(pop.matches.map((m) => ({ customerId: m.customerId, accountId: m.accountId, accountNo: m.accountNo }))).to.deep.equal([
      { customerId: holder.id, accountId: opened.body.id, accountNo },
    ]);
    pbx.hangup(callId, 'caller');
    await mine.next('call:updated', (u) => u.callId === callId && u.call.status === 'abandoned');
  });

  it('should end the agent’s leg as transferred, with its target, when the agent transfers the call', async () => {
    const pbx = link.simulator!.pbx;
    const callId = pbx.queueCall({ callerNumber: '13812340001', calledNumber: '057188881234', queue });
    pbx.ringAgent(callId, '7001');
    await mine.next('call:screen-pop', (p) => p.callId === callId);
    pbx.answer(callId, '7001');
    await mine.next('call:updated', (u) => u.callId === callId && u.call.status === 'answered');
    const reply = await agentApi.post<CtiCommandAccepted>('/api/cti/transfer', { callId, target: '7002' });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(202);
    const moved = await mine.next('call:updated', (u) => u.callId === callId && u.call.status === 'transferred' && u.call.transferTarget === '7002');
    expect(moved.call).to.deep.include({ endReason: 'transfer', agentExtension: '7001' });
    expect((await otherApi.post('/api/cti/transfer', { callId, target: '7009' })).status).to.equal(404);
  });

  it('should reach the PBX and log an outbound call when the agent clicks to dial', async () => {
    const reply = await agentApi.post<CtiCommandAccepted>('/api/cti/dial', { number: '13812340001' });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(202);
    expect(reply.body.requestId).to.be.a('string');
    const started = await mine.next('call:updated', (u) => u.call.direction === 'outbound');
    expect(started.call).to.deep.include({ agentId, agentExtension: '7001', callerNumber: '+86138****0001', queue: null });
    const hangup = await agentApi.post<CtiCommandAccepted>('/api/cti/hangup', { callId: started.callId });
    expect(hangup.status, JSON.stringify(hangup.body)).to.equal(202);
    const ended = await mine.next('call:updated', (u) => u.callId === started.callId && ['ended', 'transferred'].includes(u.call.status));
    expect(ended.call.endedAt).to.be.a('string');
  });

  it('should push the company wallboard to its supervisors and refuse it to agents', async () => {
    // The cti sends a wallboard every 5 s.
    const pushed = await supervising.next('wallboard:snapshot', (w) => w.snapshot?.queues.some((q) => q.queue === queue) ?? false, 8_000);
    expect(pushed.agents.map((a) => a.extension).sort()).to.deep.equal(['7001', '7002']);
    expect(pushed.snapshot!.agents.map((a) => a.agent.extension).sort()).to.deep.equal(['7001', '7002']);
    expect(pushed.snapshot!.queues.map((q) => q.queue)).to.deep.equal([queue]);
    expect(mine.of('wallboard:snapshot')).to.deep.equal([]);
    const reply = await supervisorApi.get<CompanyWallboard>('/api/cti/wallboard');
    expect(reply.status).to.equal(200);
    expect(reply.body.companyId).to.equal(pushed.companyId);
    expect(reply.body.snapshot!.queues.map((q) => q.queue)).to.deep.equal([queue]);
    expect((await agentApi.get('/api/cti/wallboard')).status).to.equal(403);
  });

  it('should chart the day’s calls of the company by half hour, each call once, for supervisors only', async () => {
    const today = (await supervisorApi.get<CallDay>('/api/cti/wallboard/day')).body;
    const slot = Math.floor(((Date.now() + 8 * 3_600_000) % 86_400_000) / 1_800_000);
    expect(today.timeZone).to.equal('Asia/Shanghai');
    expect(today.slots).to.have.length(48);
    const mine = today.queues.find((q) => q.queue === queue)!;
    // The calls of this file: answered (wrapped up, transferred) and hung up while ringing (unknown caller, IVR account).
    expect(mine).to.deep.include({ offered: 4, answered: 2, abandoned: 2, serviceLevelSeconds: 20 });
    expect(today.total.offered).to.equal(today.slots.reduce((n, s) => n + s.offered, 0));
    expect(today.slots[slot]!.offered + (today.slots[slot - 1]?.offered ?? 0)).to.be.at.least(4);
    const yesterday = (await supervisorApi.get<CallDay>(`/api/cti/wallboard/day?date=2020-01-01&queue=${queue}`)).body;
    expect(yesterday.total).to.deep.include({ offered: 0, serviceLevelPercent: null });
    expect((await agentApi.get('/api/cti/wallboard/day')).status).to.equal(403);
  });
});
