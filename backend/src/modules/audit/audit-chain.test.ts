import { expect } from 'chai';
import { ChainVerifier, GENESIS_HASH, hashRecord, type ChainedFields } from './audit-chain.ts';

function chain(n: number): (ChainedFields & { id: number; hash: string })[] {
  const records: (ChainedFields & { id: number; hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields: ChainedFields = {
      companyId: 7,
      seq,
      action: 'user.updated',
      actorUserId: 1,
      actorUsername: 'admin',
      targetType: 'user',
      targetId: String(seq),
      ip: '10.0.0.1',
      details: JSON.stringify({ n: seq }),
      prevHash,
      createdAt: new Date(Date.UTC(2026, 10, 28, 8, 0, seq)),
    };
    const hash = hashRecord(fields);
    records.push({ ...fields, id: 100 + seq, hash });
    prevHash = hash;
  }
  return records;
}

function verify(records: ReturnType<typeof chain>) {
  const v = new ChainVerifier();
  records.forEach((r) => v.push(r));
  return { checked: v.checked, firstBreak: v.firstBreak };
}

describe('audit hash chain', () => {
  it('should accept an untouched chain', () => {
    expect(verify(chain(5))).to.deep.equal({ checked: 5, firstBreak: null });
  });

  it('should change the hash when any covered field changes, including the time by one millisecond', () => {
    const [r] = chain(1);
    const base = hashRecord(r!);
    expect(hashRecord({ ...r!, ip: '10.0.0.2' })).not.to.equal(base);
    expect(hashRecord({ ...r!, createdAt: new Date(r!.createdAt.getTime() + 1) })).not.to.equal(base);
    expect(hashRecord({ ...r!, actorUserId: null })).not.to.equal(base);
  });

  it('should point at an edited record', () => {
    const records = chain(5);
    records[2] = { ...records[2]!, details: '{"n":99}' };
    expect(verify(records).firstBreak).to.deep.equal({ seq: 3, id: 103, reason: 'hash_mismatch' });
  });

  it('should point at the record after a rewritten one whose hash was recomputed', () => {
    const records = chain(5);
    const forged = { ...records[1]!, details: '{"n":"forged"}' };
    records[1] = { ...forged, hash: hashRecord(forged) };
    expect(verify(records).firstBreak).to.deep.equal({ seq: 3, id: 103, reason: 'chain_broken' });
  });

  it('should point at a gap where a record was removed', () => {
    const records = chain(5);
    records.splice(3, 1);
    expect(verify(records).firstBreak).to.deep.equal({ seq: 5, id: 105, reason: 'sequence_gap' });
  });
});
