import { expect } from 'chai';
import type { AuditList, CustomerView, PracticeCallAvailability, PracticeCallPlaced, UserView } from '@gasdesk/schema';
import { startCtiLink, type CtiLink } from '../../backend/src/modules/call-center/cti-link.ts';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser } from '../support/factories.ts';
import { connectSocket, type DeskSocket } from '../support/socket.ts';

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('agent queue memberships and practice calls on the simulated PBX', () => {
  let link: CtiLink | null = null;
  let adminApi: Api;
  let agentApi: Api;
  let agent: UserView;
  let socket: DeskSocket;

  before(async () => {
    const company = await makeCompany();
    // An extension no other test file uses: calls without a queue find their agent by a unique extension.
    const user = await makeUser(company.id, 'agent', { extension: '7361' });
    adminApi = await new Api(app().url).login((await makeUser(company.id, 'admin')).username, TEST_PASSWORD, freshIp());
    agentApi = await new Api(app().url).login(user.username, TEST_PASSWORD, freshIp());
    agent = (await adminApi.get<UserView>(`/api/users/${user.id}`)).body;
  });

  after(async () => {
    socket?.disconnect();
    await link?.close();
  });

  it('should offer no practice calls, and refuse one, when the process plays no PBX', async () => {
    expect((await agentApi.get<PracticeCallAvailability>('/api/cti/practice-calls')).body).to.deep.equal({ available: false });
    const refused = await agentApi.post<{ error: { code: string } }>('/api/cti/practice-calls', { callerNumber: '13800000001' });
    expect(refused.status).to.equal(409);
  });

  it('should keep the queues an admin sets, audit the change, and refuse a malformed queue name', async () => {
    const set = await adminApi.patch<UserView>(`/api/users/${agent.id}`, { queues: ['gas-service', 'gas-emergency', 'gas-service'] });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    expect(set.body.queues).to.deep.equal(['gas-emergency', 'gas-service']);
    const bad = await adminApi.patch<{ error: { issues: { field: string }[] } }>(`/api/users/${agent.id}`, { queues: ['gas service'] });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.issues.map((i) => i.field)).to.deep.equal(['queues.0']);
    const audit = (await adminApi.get<AuditList>('/api/audit?action=user.updated')).body;
    expect(audit.items.find((e) => e.targetId === String(agent.id))?.details).to.deep.equal({ queues: { from: [], to: ['gas-emergency', 'gas-service'] } });
  });

  it('should join exactly the admin-set queues on ready, leave a queue taken away on the next ready, and ring the agent with a practice call that pops the caller', async () => {
    link = await startCtiLink(app().c, { demo: false, simulator: { queues: ['gas-service', 'gas-billing', 'gas-emergency'] } });
    const pbx = link.simulator!.pbx;
    const memberOf = () => pbx.queueNames().filter((q) => pbx.memberExtensions(q).includes('7361')).sort();
    expect((await agentApi.post('/api/cti/agent-state', { state: 'ready' })).status).to.equal(202);
    await until('joined', () => memberOf().length === 2);
    expect(memberOf()).to.deep.equal(['gas-emergency', 'gas-service']);

    await adminApi.patch(`/api/users/${agent.id}`, { queues: ['gas-billing'] });
    expect((await agentApi.post('/api/cti/agent-state', { state: 'ready' })).status).to.equal(202);
    await until('moved', () => memberOf().join() === 'gas-billing');

    const customer = (await agentApi.post<CustomerView>('/api/customers', { type: 'residential', name: '练习来电', phones: [{ number: '138 7301 0001' }] })).body;
    ({ socket } = await connectSocket(app().url, agentApi.token!));
    const pops: unknown[] = [];
    socket.on('call:screen-pop', (pop) => pops.push(pop));
    expect((await agentApi.get<PracticeCallAvailability>('/api/cti/practice-calls')).body).to.deep.equal({ available: true });
    const placed = await agentApi.post<PracticeCallPlaced>('/api/cti/practice-calls', { callerNumber: '13873010001', answerAfterSeconds: 0, talkSeconds: 1 });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(202);
    expect(placed.body.queue).to.equal('gas-billing');
    await until('popped', () => pops.length === 1);
    expect(pops[0]).to.deep.include({ callId: placed.body.callId, queue: 'gas-billing', callerNumber: '138****0001' });
    expect((pops[0] as { matches: { customerId: number }[] }).matches.map((m) => m.customerId)).to.deep.equal([customer.id]);

    expect((await agentApi.post('/api/cti/agent-state', { state: 'offline' })).status).to.equal(202);
    await until('left', () => memberOf().length === 0);
    const notReady = await agentApi.post<{ error: { message: string } }>('/api/cti/practice-calls', { callerNumber: '13873010001' });
    expect(notReady.status).to.equal(409);
    expect(notReady.body.error.message).to.match(/ready/);
  });
});
