import { expect } from 'chai';
import type { CompanyList, UserList } from '@gasdesk/schema';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser } from '../support/factories.ts';
import { User } from '../../backend/src/modules/users/user.model.ts';
import { SearchTerm } from '../../backend/src/modules/search/search-term.model.ts';
import { runAs, runAsSystem } from '../../backend/src/shared/request-context.ts';

describe('tenancy: every query is scoped to the caller\'s company', () => {
  it('should answer 404 with no data when an admin reads or changes a user of another company', async () => {
    const [a, b] = [await makeCompany(), await makeCompany()];
    const adminA = await makeUser(a.id, 'admin');
    const agentB = await makeUser(b.id, 'agent');
    const api = await new Api(app().url).login(adminA.username, TEST_PASSWORD, freshIp());

    const read = await api.get(`/api/users/${agentB.id}`);
    const change = await api.patch(`/api/users/${agentB.id}`, { displayName: '被篡改' });
    expect(read.status).to.equal(404);
    expect(read.body).to.deep.equal({ error: { code: 'not_found', message: 'user not found' } });
    expect(change.status).to.equal(404);
    const untouched = await runAsSystem('test', () => User.findByPk(agentB.id));
    expect(untouched!.displayName).to.equal(agentB.displayName);
  });

  it('should list only the caller\'s own users and company, even when another company is asked for', async () => {
    const [a, b] = [await makeCompany(), await makeCompany()];
    const adminA = await makeUser(a.id, 'admin');
    const agentA = await makeUser(a.id, 'agent');
    await makeUser(b.id, 'agent');
    const api = await new Api(app().url).login(adminA.username, TEST_PASSWORD, freshIp());

    const own = await api.get<UserList>('/api/users');
    expect(own.body.items.map((u) => u.username).sort()).to.deep.equal([adminA.username, agentA.username].sort());
    expect(own.body.total).to.equal(2);
    const other = await api.get<UserList>(`/api/users?companyId=${b.id}`);
    expect(other.body).to.deep.equal({ items: [], total: 0, limit: 50, offset: 0 });
    const companies = await api.get<CompanyList>('/api/companies');
    expect(companies.body.items.map((c) => c.id)).to.deep.equal([a.id]);
    expect(companies.body.items[0]!.halls.map((h) => h.name)).to.deep.equal(['测试营业厅']);
  });

  it('should refuse to create a user in another company unless the caller spans companies', async () => {
    const [a, b] = [await makeCompany(), await makeCompany()];
    const adminA = await makeUser(a.id, 'admin');
    const cityAdmin = await makeUser(a.id, 'admin', { grants: ['companies:span'] });
    const body = { username: `x${Date.now()}`, displayName: '新坐席', role: 'agent', password: 'a-long-password', companyId: b.id };

    const refused = await (await new Api(app().url).login(adminA.username, TEST_PASSWORD, freshIp())).post('/api/users', body);
    expect(refused.status).to.equal(404);
    const spanning = await new Api(app().url).login(cityAdmin.username, TEST_PASSWORD, freshIp());
    const created = await spanning.post<{ companyId: number }>('/api/users', body);
    expect(created.status).to.equal(201);
    expect(created.body.companyId).to.equal(b.id);
    const seen = await spanning.get<UserList>(`/api/users?companyId=${b.id}`);
    expect(seen.body.items.map((u) => u.username)).to.deep.equal([body.username]);
  });

  it('should refuse any model query made outside an actor context', async () => {
    try {
      await User.findAll();
    } catch (err) {
      expect((err as Error).message).to.equal('query outside any actor context');
      return;
    }
    expect.fail('an unscoped query ran');
  });

  it('should refuse to save a row into another company from a company-scoped actor', async () => {
    const [a, b] = [await makeCompany(), await makeCompany()];
    const adminA = await makeUser(a.id, 'admin');
    const actor = {
      kind: 'user' as const,
      userId: adminA.id,
      username: adminA.username,
      companyId: a.id,
      role: 'admin' as const,
      permissions: new Set(['users:manage' as const]),
      sessionId: 0,
      ip: null,
    };
    const before = await runAsSystem('test', () => User.count({ where: { companyId: b.id } }));
    let error: unknown;
    await runAs(actor, () =>
      User.create({ companyId: b.id, username: `sneak${Date.now()}`, displayName: 'x', role: 'agent', grants: [], extension: null, passwordHash: 'x', lastLoginAt: null }),
    ).catch((err: unknown) => (error = err));
    expect((error as Error).message).to.equal('User not found');
    expect(await runAsSystem('test', () => User.count({ where: { companyId: b.id } }))).to.equal(before);
  });

  it('should delete only the caller\'s own rows when a bulk delete names rows of another company', async () => {
    const [a, b] = [await makeCompany(), await makeCompany()];
    const terms = [a, b].map((company) => ({ kind: 'name' as const, term: '测', companyId: company.id, refId: 1 }));
    await runAsSystem('test', () => SearchTerm.bulkCreate(terms));
    const adminA = await makeUser(a.id, 'admin');
    const actor = { kind: 'user' as const, userId: adminA.id, username: adminA.username, companyId: a.id, role: 'admin' as const, permissions: new Set<never>(), sessionId: 0, ip: null };
    const deleted = await runAs(actor, () => SearchTerm.destroy({ where: { kind: 'name', term: '测', refId: 1 } }));
    const left = await runAsSystem('test', () => SearchTerm.findAll({ where: { term: '测', companyId: [a.id, b.id] }, attributes: ['companyId'], raw: true }));
    expect({ deleted, left }).to.deep.equal({ deleted: 1, left: [{ companyId: b.id }] });
  });
});
