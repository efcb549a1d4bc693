import { expect } from 'chai';
import type { LoginResponse } from '@gasdesk/schema';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser } from '../support/factories.ts';
import { connectSocket, nextDisconnect } from '../support/socket.ts';
import { AuditEvent } from '../../backend/src/modules/audit/audit-event.model.ts';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';


describe('auth: login, logout and revocation', () => {
  it('should return a token and the user, and record the login, when the password is right', async () => {
    const company = await makeCompany();
    const user = await makeUser(company.id, 'agent', { extension: '7001' });
    const api = new Api(app().url);
    const from = freshIp();
    const reply = await api.post<LoginResponse>('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, from);

    expect(reply.status).to.equal(200);
    expect(reply.body.token).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(reply.body.user).to.deep.include({
      id: user.id,
      companyId: company.id,
      companyName: company.name,
      username: user.username,
      role: 'agent',
      grants: [],
      permissions: ['company:read', 'customers:read', 'customers:write', 'meters:read', 'calls:handle', 'calls:read', 'readings:read', 'ledger:read', 'tariffs:read', 'billing:read'],
      extension: '7001',
      disabled: false,
    });
    api.token = reply.body.token;
    const me = await api.get<{ user: { id: number } }>('/api/auth/me');
    expect(me.status).to.equal(200);
    expect(me.body.user.id).to.equal(user.id);

    const events = await runAsSystem('test', () => AuditEvent.findAll({ where: { companyId: company.id, action: 'auth.login' } }));
    expect(events.map((e) => [e.actorUserId, e.ip])).to.deep.equal([[user.id, from['x-forwarded-for']]]);
  });

  it('should answer 401 with the same message when the name is unknown or the password wrong', async () => {
    const company = await makeCompany();
    const user = await makeUser(company.id, 'cashier');
    const api = new Api(app().url);
    const wrong = await api.post('/api/auth/login', { username: user.username, password: 'not-the-password' }, freshIp());
    const unknown = await api.post('/api/auth/login', { username: 'nobody-here', password: 'whatever-it-is' }, freshIp());
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.body).to.deep.equal({ error: { code: 'unauthenticated', message: 'wrong username or password' } });
    expect(unknown.body).to.deep.equal(wrong.body);
    const failed = await runAsSystem('test', () => AuditEvent.findAll({ where: { companyId: company.id, action: 'auth.login_failed' } }));
    expect(failed.map((e) => JSON.parse(e.details))).to.deep.equal([{ reason: 'bad_password' }]);
  });

  it('should refuse the token at once and close the session\'s sockets when the user logs out', async () => {
    const company = await makeCompany();
    const user = await makeUser(company.id, 'agent');
    const api = await new Api(app().url).login(user.username, TEST_PASSWORD, freshIp());
    const { socket, rooms } = await connectSocket(app().url, api.token!);
    expect(rooms).to.include.members([`user:${user.id}`, `company:${company.id}`, `company:${company.id}:role:agent`, `agent:${user.id}`]);
    const revoked = new Promise((resolve) => socket.once('session:revoked', resolve));
    const closed = nextDisconnect(socket);

    const logout = await api.post('/api/auth/logout');
    expect(logout.status).to.equal(204);
    expect(await revoked).to.deep.equal({ reason: 'logout' });
    expect(await closed).to.equal('io server disconnect');
    const after = await api.get('/api/auth/me');
    expect(after.status).to.equal(401);
    expect(after.body).to.deep.equal({ error: { code: 'unauthenticated', message: 'the session has ended; sign in again' } });
  });

  it('should end every session and socket of a user when an admin disables them', async () => {
    const company = await makeCompany();
    const admin = await makeUser(company.id, 'admin');
    const agent = await makeUser(company.id, 'agent');
    const adminApi = await new Api(app().url).login(admin.username, TEST_PASSWORD, freshIp());
    const first = await new Api(app().url).login(agent.username, TEST_PASSWORD, freshIp());
    const second = await new Api(app().url).login(agent.username, TEST_PASSWORD, freshIp());
    const { socket } = await connectSocket(app().url, second.token!);
    const closed = nextDisconnect(socket);

    const patch = await adminApi.patch<{ disabled: boolean }>(`/api/users/${agent.id}`, { disabled: true });
    expect(patch.status).to.equal(200);
    expect(patch.body.disabled).to.equal(true);
    expect(await closed).to.equal('io server disconnect');
    expect((await first.get('/api/auth/me')).status).to.equal(401);
    expect((await second.get('/api/auth/me')).status).to.equal(401);
    const relogin = await new Api(app().url).post('/api/auth/login', { username: agent.username, password: TEST_PASSWORD }, freshIp());
    expect(relogin.status).to.equal(401);
    await expectConnectRefused(second.token!);
  });

  it('should refuse a socket whose token is unknown', async () => {
    await expectConnectRefused('not-a-real-token');
  });
});

describe('auth: throttling failed logins', () => {
  it('should lock a username after five failures, even with the right password, and say when to retry', async () => {
    const company = await makeCompany();
    const user = await makeUser(company.id, 'cashier');
    const api = new Api(app().url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await api.post('/api/auth/login', { username: user.username, password: `wrong-${i}-password` }, freshIp())).status);
    }
    const locked = await api.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, freshIp());
    expect(statuses).to.deep.equal([401, 401, 401, 401, 401]);
    expect(locked.status).to.equal(429);
    expect((locked.body as { error: { code: string } }).error.code).to.equal('too_many_requests');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).to.be.within(890, 900);
  });

  it('should lock an address after thirty failures across many usernames, leaving other addresses free', async () => {
    const company = await makeCompany();
    const user = await makeUser(company.id, 'agent');
    const api = new Api(app().url);
    const ip = freshIp();
    for (let i = 0; i < 30; i += 1) {
      const r = await api.post('/api/auth/login', { username: `guess-${i}`, password: 'guess-password' }, ip);
      expect(r.status).to.equal(401);
    }
    const fromSameIp = await api.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, ip);
    const fromOtherIp = await api.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, freshIp());
    expect(fromSameIp.status).to.equal(429);
    expect(fromOtherIp.status).to.equal(200);
  });
});

async function expectConnectRefused(token: string): Promise<void> {
  try {
    await connectSocket(app().url, token);
  } catch (err) {
    expect((err as Error).message).to.equal('unauthenticated');
    return;
  }
  expect.fail('the socket connected with a token that should be refused');
}
