import { expect } from 'chai';
import type { AuditList, ErrorBody, UserList, UserView } from '@gasdesk/schema';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser, unique } from '../support/factories.ts';

async function adminOfNewCompany() {
  const company = await makeCompany();
  const admin = await makeUser(company.id, 'admin');
  const api = await new Api(app().url).login(admin.username, TEST_PASSWORD, freshIp());
  return { company, admin, api };
}

describe('users: admins manage the users of their company', () => {
  it('should create a user who can then sign in, and record who created them', async () => {
    const { company, admin, api } = await adminOfNewCompany();
    const username = unique('agent');
    const created = await api.post<UserView>('/api/users', { username, displayName: '新坐席 李明', role: 'agent', password: 'first-password-1', extension: '7008' });
    expect(created.status).to.equal(201);
    expect(created.body).to.deep.include({ companyId: company.id, username, displayName: '新坐席 李明', role: 'agent', extension: '7008', grants: [], disabled: false, lastLoginAt: null });
    await new Api(app().url).login(username, 'first-password-1', freshIp());

    const audit = await api.get<AuditList>('/api/audit?action=user.created');
    expect(audit.body.items.map((e) => [e.actorUsername, e.targetId, e.details])).to.deep.equal([
      [admin.username, String(created.body.id), { username, role: 'agent', grants: [] }],
    ]);
  });

  it('should name every invalid field with 422 and write nothing', async () => {
    const { api } = await adminOfNewCompany();
    const before = await api.get<UserList>('/api/users');
    const reply = await api.post<ErrorBody>('/api/users', { username: 'Bad Name', displayName: '', role: 'boss', password: 'short', extension: '7a' });
    expect(reply.status).to.equal(422);
    expect(reply.body.error.code).to.equal('validation_failed');
    expect(reply.body.error.issues!.map((i) => i.field).sort()).to.deep.equal(['displayName', 'extension', 'password', 'role', 'username']);
    expect((await api.get<UserList>('/api/users')).body.total).to.equal(before.body.total);
  });

  it('should answer 400 naming the query parameter when paging is out of range', async () => {
    const { api } = await adminOfNewCompany();
    const reply = await api.get<ErrorBody>('/api/users?limit=500&role=boss');
    expect(reply.status).to.equal(400);
    expect(reply.body.error.issues!.map((i) => i.field)).to.deep.equal(['limit', 'role']);
  });

  it('should answer 409 naming the field when a username or extension is taken', async () => {
    const { company, api } = await adminOfNewCompany();
    const agent = await makeUser(company.id, 'agent', { extension: '7100' });
    const sameName = await api.post<ErrorBody>('/api/users', { username: agent.username, displayName: 'x', role: 'agent', password: 'long-enough-pw' });
    const sameExt = await api.patch<ErrorBody>(`/api/users/${(await makeUser(company.id, 'agent')).id}`, { extension: '7100' });
    expect([sameName.status, sameName.body.error.issues]).to.deep.equal([409, [{ field: 'username', message: 'already taken' }]]);
    expect([sameExt.status, sameExt.body.error.issues]).to.deep.equal([409, [{ field: 'extension', message: 'already taken' }]]);
  });

  it('should record a role change with before and after', async () => {
    const { company, api } = await adminOfNewCompany();
    const agent = await makeUser(company.id, 'agent');
    const changed = await api.patch<UserView>(`/api/users/${agent.id}`, { role: 'supervisor' });
    expect(changed.body.permissions).to.deep.equal(['company:read', 'users:read', 'customers:read', 'customers:reveal', 'meters:read', 'stock:read', 'calls:handle', 'calls:read', 'wallboard:read', 'readings:read', 'ledger:read', 'tariffs:read', 'billing:read']);
    const audit = await api.get<AuditList>('/api/audit?action=user.role_changed');
    expect(audit.body.items.map((e) => e.details)).to.deep.equal([{ from: { role: 'agent', grants: [] }, to: { role: 'supervisor', grants: [] } }]);
  });

  it('should forbid a company admin to grant companies:span, and a non-admin to manage users', async () => {
    const { company, api } = await adminOfNewCompany();
    const agent = await makeUser(company.id, 'agent');
    const escalate = await api.patch<ErrorBody>(`/api/users/${agent.id}`, { grants: ['companies:span'] });
    expect(escalate.status).to.equal(403);
    const supervisor = await makeUser(company.id, 'supervisor');
    const supApi = await new Api(app().url).login(supervisor.username, TEST_PASSWORD, freshIp());
    expect((await supApi.get('/api/users')).status).to.equal(200);
    const denied = await supApi.patch<ErrorBody>(`/api/users/${agent.id}`, { displayName: 'x' });
    expect(denied.status).to.equal(403);
    expect(denied.body.error).to.deep.equal({ code: 'forbidden', message: 'missing permission users:manage' });
    const agentApi = await new Api(app().url).login(agent.username, TEST_PASSWORD, freshIp());
    expect((await agentApi.get('/api/audit')).status).to.equal(403);
  });

  it('should stop an admin from disabling themselves', async () => {
    const { admin, api } = await adminOfNewCompany();
    const reply = await api.patch<ErrorBody>(`/api/users/${admin.id}`, { disabled: true });
    expect(reply.status).to.equal(409);
    expect((await api.get('/api/auth/me')).status).to.equal(200);
  });

  it('should end the user\'s sessions when an admin sets a new password', async () => {
    const { company, api } = await adminOfNewCompany();
    const agent = await makeUser(company.id, 'agent');
    const agentApi = await new Api(app().url).login(agent.username, TEST_PASSWORD, freshIp());
    expect((await api.patch(`/api/users/${agent.id}`, { password: 'a-brand-new-password' })).status).to.equal(200);
    expect((await agentApi.get('/api/auth/me')).status).to.equal(401);
    await new Api(app().url).login(agent.username, 'a-brand-new-password', freshIp());
  });
});
