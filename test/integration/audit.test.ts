import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import type { AuditList, AuditVerifyResult } from '@gasdesk/schema';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser } from '../support/factories.ts';

/** A company whose chain holds a few records: its admin's login and three user changes. */
async function companyWithHistory() {
  const company = await makeCompany();
  const admin = await makeUser(company.id, 'admin');
  const agent = await makeUser(company.id, 'agent');
  const api = await new Api(app().url).login(admin.username, TEST_PASSWORD, freshIp());
  for (const displayName of ['一', '二', '三']) await api.patch(`/api/users/${agent.id}`, { displayName });
  return { company, api };
}

async function rawUpdate(sql: string, replacements: unknown[]): Promise<void> {
  await app().c.sequelize.query(sql, { replacements, type: QueryTypes.UPDATE });
}

describe('audit: an append-only log chained by hash', () => {
  it('should report an intact chain with every record checked', async () => {
    const { company, api } = await companyWithHistory();
    const verify = await api.get<AuditVerifyResult>('/api/audit/verify');
    expect(verify.body).to.deep.equal({ companyId: company.id, checked: 4, ok: true, firstBroken: null });
    const list = await api.get<AuditList>('/api/audit');
    expect(list.body.items.map((e) => [e.seq, e.action])).to.deep.equal([
      [4, 'user.updated'],
      [3, 'user.updated'],
      [2, 'user.updated'],
      [1, 'auth.login'],
    ]);
  });

  it('should find the first record whose content was edited in the database', async () => {
    const { company, api } = await companyWithHistory();
    await rawUpdate('UPDATE audit_events SET details = ? WHERE company_id = ? AND seq = 3', ['{"displayName":{"from":"x","to":"y"}}', company.id]);
    const verify = await api.get<AuditVerifyResult>('/api/audit/verify');
    expect(verify.body.ok).to.equal(false);
    expect(verify.body.firstBroken).to.deep.include({ seq: 3, reason: 'hash_mismatch' });
  });

  it('should find an edit even when the forger recomputed that record\'s own hash', async () => {
    const { company, api } = await companyWithHistory();
    await rawUpdate("UPDATE audit_events SET hash = REPEAT('a', 64) WHERE company_id = ? AND seq = 2", [company.id]);
    const verify = await api.get<AuditVerifyResult>('/api/audit/verify');
    expect(verify.body.firstBroken).to.deep.include({ seq: 2, reason: 'hash_mismatch' });
  });

  it('should find a deleted record in the middle and one removed from the end', async () => {
    const { company, api } = await companyWithHistory();
    await app().c.sequelize.query('DELETE FROM audit_events WHERE company_id = ? AND seq = 4', { replacements: [company.id] });
    const tail = await api.get<AuditVerifyResult>('/api/audit/verify');
    expect(tail.body).to.deep.equal({ companyId: company.id, checked: 3, ok: false, firstBroken: { seq: 4, id: null, reason: 'sequence_gap' } });
    await app().c.sequelize.query('DELETE FROM audit_events WHERE company_id = ? AND seq = 2', { replacements: [company.id] });
    const middle = await api.get<AuditVerifyResult>('/api/audit/verify');
    expect(middle.body.firstBroken).to.deep.include({ seq: 3, reason: 'sequence_gap' });
  });

  it('should keep one gap-free chain when many records are appended at once', async () => {
    const company = await makeCompany();
    const admin = await makeUser(company.id, 'admin');
    const agent = await makeUser(company.id, 'agent');
    const api = await new Api(app().url).login(admin.username, TEST_PASSWORD, freshIp());
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => api.patch(`/api/users/${agent.id}`, { displayName: `并发${i}` })));
    expect(replies.map((r) => r.status)).to.deep.equal(Array(12).fill(200));
    const verify = await api.get<AuditVerifyResult>('/api/audit/verify');
    expect(verify.body).to.deep.equal({ companyId: company.id, checked: 13, ok: true, firstBroken: null });
  });
});
