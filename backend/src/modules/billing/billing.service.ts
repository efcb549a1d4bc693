import { Op, type Sequelize } from 'sequelize';
import { businessDate, type BillAccountBody, type BillAccountResult, type BillList, type BillView, type RebillResult, type TariffPreview, type TariffPreviewBody } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import type { Clock } from '../../shared/clock.ts';
import { currentUserId } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Account } from '../customers/account.model.ts';
import { Company } from '../companies/company.model.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { LedgerTransaction } from '../ledger/ledger-transaction.model.ts';
import type { PriceBookLoader } from '../tariffs/price-book.ts';
import { Tariff } from '../tariffs/tariff.model.ts';
import { billBatch, billChargeKey, billInput, loadAccountReadings, loadPriorBills, scheduleOf, writeBills } from './bill-batch.ts';
import { Bill, BillLineRow } from './bill.model.ts';
import { basisBetween, lastDayOf, periodEndOf } from './bill-plan.ts';
import { presentBill, presentBillSummary } from './bill.presenter.ts';
import { rateBill, RatingProblem } from './engine/rate-bill.ts';

/** Bills of one account: billing it now, reading a bill, rebilling, and previewing a price change on its last bill. */
export class BillingService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly ledger: LedgerService,
    private readonly priceBooks: PriceBookLoader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Bills the account for the month, or returns the bill it already has, or says why it cannot be billed. */
  async billAccount(accountId: number, body: BillAccountBody): Promise<BillAccountResult> {
    const account = await Account.findByPk(accountId);
    if (!account) throw AppError.notFound('account');
    const billDate = body.billDate ?? (await this.today(account.companyId));
    const outcome = await this.sequelize.transaction(async (t) => {
      const existing = await Bill.findOne({ where: { accountId, period: body.period, status: 'issued' }, transaction: t });
      if (existing) return { outcome: 'existing' as const, billId: existing.id, reason: null };
      const book = await this.priceBooks.load(account.companyId);
      const result = await billBatch([account], { companyId: account.companyId, period: body.period, billDate, runId: null, createdBy: currentUserId() }, { book, ledger: this.ledger }, t);
      const billed = result.bills[0];
      if (billed) await this.audit.record({ action: 'bill.issued', companyId: account.companyId, targetType: 'bill', targetId: billed.billId, details: { accountNo: account.accountNo, period: body.period } }, t);
      return billed ? { outcome: 'billed' as const, billId: billed.billId, reason: null } : { outcome: 'skipped' as const, billId: null, reason: result.skipped[0]!.reason };
    });
    return { outcome: outcome.outcome, reason: outcome.reason, bill: outcome.billId === null ? null : await this.get(outcome.billId) };
  }

  async get(id: number): Promise<BillView> {
    const bill = await Bill.findByPk(id, { include: [{ model: BillLineRow, as: 'lines' }] });
    if (!bill) throw AppError.notFound('bill');
    const account = await Account.findByPk(bill.accountId, { attributes: ['accountNo'] });
    const replacedBy = bill.status === 'reversed' ? await Bill.findOne({ where: { replacesId: bill.id }, attributes: ['id'] }) : null;
    return presentBill(bill, account!.accountNo, replacedBy?.id ?? null);
  }

  /** The account's bills, newest period first, reversed ones beside their corrections. */
  async list(accountId: number): Promise<BillList> {
    const account = await Account.findByPk(accountId, { attributes: ['id', 'accountNo'] });
    if (!account) throw AppError.notFound('account');
    const bills = await Bill.findAll({ where: { accountId }, order: [['period', 'DESC'], ['revision', 'DESC']], limit: 120 });
    return { items: bills.map((b) => presentBillSummary(b, account.accountNo)) };
  }

  /**
   * 冲正重开: a reading corrected after billing. The bill and its ledger charge are reversed (the
   * original kept, linked both ways) and the period is billed again from the readings as they
   * are now, as the next revision. Payments are not touched. Only an account's latest bill can
   * be rebilled: a later bill rests on its tier cycle and its end reading.
   */
  async rebill(id: number, reason: string): Promise<RebillResult> {
    const newId = await this.sequelize.transaction(async (t) => {
      const bill = await Bill.findByPk(id, { transaction: t, lock: t.LOCK.UPDATE });
      if (!bill) throw AppError.notFound('bill');
      if (bill.status !== 'issued') throw new AppError('conflict', 'this bill was reversed already; rebill its correction instead');
      const later = await Bill.findOne({ where: { accountId: bill.accountId, status: 'issued', period: { [Op.gt]: bill.period } }, attributes: ['billNo'], transaction: t });
      if (later) throw new AppError('conflict', `bill ${later.billNo} comes after this one: rebill the latest bill first`);
      const account = (await Account.findByPk(bill.accountId, { transaction: t }))!;
      const billDate = await this.today(account.companyId);
      // Found by its key (unique per company): the charge a bill was posted under.
      const charge = await LedgerTransaction.findOne({ where: { companyId: bill.companyId, idempotencyKey: billChargeKey(bill.id) }, attributes: ['id'], transaction: t });
      if (charge) await this.ledger.reverse(charge.id, { key: `bill-reversal:${bill.id}`, occurredOn: billDate, memo: `reversal of bill ${bill.billNo}: ${reason}`, createdBy: currentUserId() }, t);
      await bill.update({ status: 'reversed', reversedAt: this.clock.now(), reversalReason: reason }, { transaction: t });

      const book = await this.priceBooks.load(account.companyId);
      const prior = (await loadPriorBills([account.id], bill.period, t)).get(account.id);
      const loaded = await loadAccountReadings([account.id], null, lastDayOf(bill.period), t);
      const readings = loaded.readings.get(account.id) ?? [];
      const periodEnd = periodEndOf(bill.period, book.billingDayFor(account.id, lastDayOf(bill.period)));
      const to = readings.findLast((r) => r.readOn > bill.periodFrom && r.readOn <= periodEnd)?.readOn;
      const basis = to ? basisBetween(readings, bill.periodFrom, to) : null;
      if (!basis) throw new AppError('conflict', 'the period has no accepted reading to bill from any more; resolve its readings first');
      const rated = rateBill(billInput(account, basis, prior, book, await scheduleOf(account, t)));
      const [created] = await writeBills([{ account, rated, basis, revision: bill.revision + 1, replacesId: bill.id }], { companyId: account.companyId, period: bill.period, billDate, runId: null, createdBy: currentUserId() }, { ledger: this.ledger, dueDays: book.settings.dueDays }, t);
      await this.audit.record({ action: 'bill.rebilled', companyId: account.companyId, targetType: 'bill', targetId: bill.id, details: { billNo: bill.billNo, reason, totalFen: { from: bill.totalFen, to: rated.totalFen }, newBillId: created! } }, t);
      return created!;
    });
    const [reversed, bill] = await Promise.all([this.get(id), this.get(newId)]);
    return { reversed, bill };
  }

  /** The account's last bill, and the same period rated again with a draft version added to one tariff: what the customer would have paid. */
  async preview(tariffId: number, body: TariffPreviewBody): Promise<TariffPreview> {
    const tariff = await Tariff.findByPk(tariffId);
    if (!tariff) throw AppError.notFound('tariff');
    const account = await Account.findByPk(body.accountId);
    if (!account) throw AppError.notFound('account');
    const last = await Bill.findOne({ where: { accountId: account.id, status: 'issued' }, order: [['period', 'DESC']] });
    if (!last) throw AppError.invalid('accountId', 'the account has no bill yet to compare with');
    const book = await this.priceBooks.load(account.companyId);
    const prior = (await loadPriorBills([account.id], last.period)).get(account.id);
    const readings = (await loadAccountReadings([account.id], null, last.periodTo)).readings.get(account.id) ?? [];
    const basis = basisBetween(readings, last.periodFrom, last.periodTo);
    if (!basis) throw AppError.invalid('accountId', 'the readings of the last bill have changed since; rebill it first');
    const input = billInput(account, basis, prior, book, await scheduleOf(account));
    const draft = { id: 0, effectiveFrom: body.version.effectiveFrom, pricing: body.version.pricing };
    input.charges = input.charges.map((plan) => (plan.kind === tariff.chargeKind ? { ...plan, versions: [...plan.versions.filter((v) => v.effectiveFrom !== draft.effectiveFrom), draft] } : plan));
    if (!input.charges.some((plan) => plan.kind === tariff.chargeKind)) input.charges = [...input.charges, { kind: tariff.chargeKind, accountingCode: tariff.accountingCode, versions: [draft] }];
    try {
      const rated = rateBill(input);
      const bill = await this.get(last.id);
      return { bill, preview: { lines: rated.lines, totalFen: rated.totalFen, explanation: rated.explanation }, differenceFen: rated.totalFen - bill.totalFen };
    } catch (err) {
      if (err instanceof RatingProblem) throw AppError.invalid('version.effectiveFrom', `no price covers ${err.params.on ?? 'the period'}`);
      throw err;
    }
  }

  private async today(companyId: number): Promise<string> {
    const company = await Company.findByPk(companyId, { attributes: ['timeZone'] });
    return businessDate(this.clock.now(), company?.timeZone ?? 'Asia/Shanghai');
  }
}
