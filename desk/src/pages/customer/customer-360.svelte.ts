import type { AccountDetail, Customer360, RevealResponse } from '@gasdesk/schema';
import { api, ApiError } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';

/**
 * One customer's 360 on screen: the customer, accounts and premises, the detail (holders and
 * status history) of the accounts looked at, and what a reveal showed. Made afresh for each
 * customer, so nothing revealed about one customer stays on screen for the next.
 */
export class Customer360State {
  readonly id: number;
  data = $state<Customer360 | null>(null);
  loading = $state(false);
  missing = $state(false);
  /** Account id → its detail, read when its tab is first shown and after every change to it. */
  details = $state<Record<number, AccountDetail>>({});
  revealed = $state<RevealResponse | null>(null);
  #request = 0;

  constructor(id: number) {
    this.id = id;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    try {
      const data = await api.customer360(this.id);
      if (request !== this.#request) return;
      this.data = data;
      this.missing = false;
    } catch (err) {
      if (request !== this.#request) return;
      if (err instanceof ApiError && err.code === 'not_found') this.missing = true;
      else reportError(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  async loadDetail(accountId: number): Promise<void> {
    try {
      this.details[accountId] = await api.account(accountId);
    } catch (err) {
      reportError(err);
    }
  }

  /** After a change to an account: the 360 and that account's detail both move on. */
  async refresh(accountId?: number): Promise<void> {
    await Promise.all([this.load(), accountId ? this.loadDetail(accountId) : Promise.resolve()]);
  }

  /** Asks for the full numbers with the reason the agent gave; the server records the reveal. */
  async reveal(reason: string): Promise<void> {
    this.revealed = await api.revealCustomer(this.id, { fields: ['idNumber', 'phones'], reason });
  }

  /** The full number of a phone when it was revealed, else null. */
  fullPhone(phoneId: number): string | null {
    return this.revealed?.phones?.find((p) => p.id === phoneId)?.number ?? null;
  }
}
