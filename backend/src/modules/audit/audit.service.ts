import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { AuditAction, AuditQuery, AuditVerifyResult } from '@gasdesk/schema';
import type { Clock } from '../../shared/clock.ts';
import { currentActor, companyScope } from '../../shared/request-context.ts';
import { AppError } from '../../shared/app-error.ts';
import { AuditChainHead, AuditEvent } from './audit-event.model.ts';
import { ChainVerifier, GENESIS_HASH, hashRecord } from './audit-chain.ts';

/** Company id of the platform chain (events before any company is known). */
export const PLATFORM_CHAIN = 0;

export interface AuditEntry {
  action: AuditAction;
  /** Defaults to the acting user's company. */
  companyId?: number;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  /** For events with no signed-in actor (a login attempt): who it was about and from where. */
  actorUserId?: number | null;
  actorUsername?: string | null;
  ip?: string | null;
}

const VERIFY_PAGE = 1000;

export class AuditService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one record to its company's chain, inside `transaction` when given so that the record
   * and the change it describes commit together.
   */
  async record(entry: AuditEntry, transaction?: Transaction): Promise<AuditEvent> {
    if (!transaction) return this.sequelize.transaction((t) => this.record(entry, t));
    const actor = currentActor();
    const user = actor?.kind === 'user' ? actor : null;
    const companyId = entry.companyId ?? user?.companyId;
    if (companyId === undefined) throw new AppError('internal', 'audit record without a company');
    const [head] = await AuditChainHead.findOrCreate({
      where: { companyId },
      defaults: { companyId, lastSeq: 0, lastHash: GENESIS_HASH },
      transaction,
    });
    await head.reload({ transaction, lock: transaction.LOCK.UPDATE });
    const fields = {
      companyId,
      seq: head.lastSeq + 1,
      action: entry.action,
      actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : (user?.userId ?? null),
      actorUsername: entry.actorUsername !== undefined ? entry.actorUsername : (user?.username ?? null),
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      ip: entry.ip !== undefined ? entry.ip : (user?.ip ?? null),
      details: JSON.stringify(entry.details ?? {}),
      prevHash: head.lastHash,
      createdAt: new Date(this.clock.now().getTime()),
    };
    const hash = hashRecord(fields);
    const event = await AuditEvent.create({ ...fields, hash }, { transaction });
    await head.update({ lastSeq: fields.seq, lastHash: hash }, { transaction });
    return event;
  }

  async list(query: AuditQuery): Promise<{ rows: AuditEvent[]; count: number }> {
    const where: Record<string, unknown> = {};
    if (query.action) where.action = query.action;
    if (query.actorUserId) where.actorUserId = query.actorUserId;
    where.companyId = this.companyFor(query.companyId);
    return AuditEvent.findAndCountAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: query.limit, offset: query.offset });
  }

  /** Walks a company's chain from the first record and reports the first one that was altered or removed. */
  async verify(requestedCompanyId?: number): Promise<AuditVerifyResult> {
    const companyId = this.companyFor(requestedCompanyId);
    const verifier = new ChainVerifier();
    for (let afterSeq = 0; ; ) {
      const page = await AuditEvent.findAll({
        where: { companyId, seq: { [Op.gt]: afterSeq } },
        order: [['seq', 'ASC']],
        limit: VERIFY_PAGE,
      });
      for (const row of page) verifier.push(row.get({ plain: true }));
      if (page.length < VERIFY_PAGE || verifier.firstBreak) break;
      afterSeq = page[page.length - 1]!.seq;
    }
    const head = await AuditChainHead.findByPk(companyId);
    let firstBreak = verifier.firstBreak;
    // Records removed from the end leave the head ahead of the last record.
    if (!firstBreak && head && head.lastSeq !== verifier.checked) {
      firstBreak = { seq: verifier.checked + 1, id: null, reason: 'sequence_gap' };
    }
    return { companyId, checked: verifier.checked, ok: firstBreak === null, firstBroken: firstBreak };
  }

  /** Verifies every chain (each company's and the platform's); for the nightly job. */
  async verifyAll(): Promise<AuditVerifyResult[]> {
    const heads = await AuditChainHead.findAll({ attributes: ['companyId'], order: [['companyId', 'ASC']] });
    const results: AuditVerifyResult[] = [];
    for (const head of heads) results.push(await this.verify(head.companyId));
    return results;
  }

  /** The caller's company, or the requested one when the caller may span companies. */
  private companyFor(requested: number | undefined): number {
    const scope = companyScope();
    if (scope === 'all') {
      const actor = currentActor();
      return requested ?? (actor?.kind === 'user' ? actor.companyId : PLATFORM_CHAIN);
    }
    if (requested !== undefined && requested !== scope) throw AppError.notFound('company');
    return scope;
  }
}
