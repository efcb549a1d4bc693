import { expect } from 'chai';
import { insertRows } from '../../backend/src/db/bulk-insert.ts';
import { LedgerTransaction } from '../../backend/src/modules/ledger/ledger-transaction.model.ts';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';
import { app } from '../support/harness.ts';
import { makeCompany, unique } from '../support/factories.ts';

describe('bulk inserts built for MySQL', () => {
  it('should store every awkward character as written and answer with consecutive ids', async () => {
    const company = await makeCompany();
    const memos = ["it's", 'back\\slash', 'two\nlines\r\n', 'tab\tand\bbackspace', 'nul\0byte', 'ctrl-z\x1a', '"double" `tick`', '燃气费 ¥3.10/m³', "'; DROP TABLE bills; --"];
    const key = unique('bulk');
    const ids = await runAsSystem('test', () =>
      app().c.sequelize.transaction((t) =>
        insertRows(LedgerTransaction, memos.map((memo, i) => ({ companyId: company.id, kind: 'adjustment', idempotencyKey: `${key}-${i}`, accountId: null, occurredOn: '2026-12-04', reversesId: null, sourceType: null, sourceId: null, memo, createdBy: null, createdAt: new Date('2026-12-04T01:02:03.456Z') })), t),
      ),
    );
    expect(ids.slice(1).map((id, i) => id - ids[i]!)).to.deep.equal(memos.slice(1).map(() => 1));
    const stored = await runAsSystem('test', () => LedgerTransaction.findAll({ where: { id: ids }, order: [['id', 'ASC']] }));
    expect(stored.map((s) => s.memo)).to.deep.equal(memos);
    expect(stored[0]!.createdAt.toISOString()).to.equal('2026-12-04T01:02:03.456Z');
  });
});
