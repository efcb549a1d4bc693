import { createHash } from 'node:crypto';

/** The hash the first record of every chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a record's hash covers: everything but its own id and hash. */
export interface ChainedFields {
  companyId: number;
  seq: number;
  action: string;
  actorUserId: number | null;
  actorUsername: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  /** JSON text, hashed exactly as stored. */
  details: string;
  prevHash: string;
  createdAt: Date;
}

/**
 * SHA-256 over a fixed-order JSON array of the fields. A fixed order (not object keys) keeps the
 * hash stable whatever the driver returns; the time is hashed to the millisecond, as stored.
 */
export function hashRecord(r: ChainedFields): string {
  const canonical = JSON.stringify([
    r.companyId,
    r.seq,
    r.action,
    r.actorUserId,
    r.actorUsername,
    r.targetType,
    r.targetId,
    r.ip,
    r.details,
    r.prevHash,
    r.createdAt.toISOString(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak = { seq: number; id: number | null; reason: 'hash_mismatch' | 'chain_broken' | 'sequence_gap' };

/**
 * Checks records of one chain fed in `seq` order, one at a time, so that a chain of millions is
 * verified in pages. Returns the first break and ignores what follows it.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;
  firstBreak: ChainBreak | null = null;

  push(record: ChainedFields & { id: number; hash: string }): void {
    if (this.firstBreak) return;
    this.checked += 1;
    if (record.seq !== this.expectedSeq) {
      this.firstBreak = { seq: record.seq, id: record.id, reason: 'sequence_gap' };
    } else if (record.prevHash !== this.prevHash) {
      this.firstBreak = { seq: record.seq, id: record.id, reason: 'chain_broken' };
    } else if (hashRecord(record) !== record.hash) {
      this.firstBreak = { seq: record.seq, id: record.id, reason: 'hash_mismatch' };
    }
    this.expectedSeq = record.seq + 1;
    this.prevHash = record.hash;
  }
}
