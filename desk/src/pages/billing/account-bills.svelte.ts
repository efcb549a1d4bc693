import type { AccountLedger, BillAccountResult, BillSummary } from '@gasdesk/schema';
import { api } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';

/**
 * One account's bills and balance on the customer 360, and billing it now. Made afresh per
 * account; each part is read only when the user may see it.
 */
export class AccountBillsState {
  readonly accountId: number;
  bills = $state.raw<BillSummary[] | null>(null);
  ledger = $state.raw<AccountLedger | null>(null);
  billing = $state(false);
  /** The last "bill now" answer: a new bill, the one the month already had, or why there is none. */
  result = $state.raw<BillAccountResult | null>(null);
  readonly #canBills: boolean;
  readonly #canLedger: boolean;

  constructor(accountId: number, can: { bills: boolean; ledger: boolean }) {
    this.accountId = accountId;
    this.#canBills = can.bills;
    this.#canLedger = can.ledger;
  }

  async load(): Promise<void> {
    await Promise.all([this.#canBills ? this.#loadBills() : null, this.#canLedger ? this.#loadLedger() : null]);
  }

  async #loadBills(): Promise<void> {
    try {
      this.bills = (await api.bills(this.accountId)).items;
    } catch (err) {
      reportError(err);
    }
  }

  async #loadLedger(): Promise<void> {
    try {
      this.ledger = await api.ledger(this.accountId, 1);
    } catch (err) {
      reportError(err);
    }
  }

  async billNow(period: string): Promise<void> {
    if (this.billing) return;
    this.billing = true;
    this.result = null;
    try {
      this.result = await api.billAccount(this.accountId, period);
      if (this.result.outcome === 'billed') await this.load();
    } catch (err) {
      reportError(err);
    } finally {
      this.billing = false;
    }
  }
}
