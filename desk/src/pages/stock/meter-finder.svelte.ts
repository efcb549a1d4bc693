import type { MeterHistory, MeterStatus, MeterView } from '@gasdesk/schema';
import { api } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';
import { PagedList } from '../../lib/paged-list.svelte.ts';
import { router } from '../../lib/router.svelte.ts';
import { session } from '../../lib/session.svelte.ts';
import { toasts } from '../../lib/toasts.svelte.ts';
import { t } from '../../lib/i18n.svelte.ts';

/**
 * The stock page's meter finder: a filtered list of meters, and one meter opened with its history
 * (status changes, stock movements, readings) and the account numbers the history mentions.
 */
export class MeterFinder {
  serial = $state('');
  status = $state<MeterStatus | ''>('');
  warehouseId = $state<number | null>(null);
  model = $state('');
  meterId = $state<number | null>(null);
  history = $state<MeterHistory | null>(null);
  loadingHistory = $state(false);
  /** Account id → account number, for the accounts a meter's history mentions. */
  accountNos = $state<Record<number, string>>({});
  readonly list = new PagedList<MeterView>(25, (limit, offset) =>
    api.meters({
      serial: this.serial.trim() || undefined,
      status: this.status || undefined,
      warehouseId: this.warehouseId ?? undefined,
      model: this.model || undefined,
      limit,
      offset,
    }),
  );
  #request = 0;

  /** A serial read off a meter: list it, and open it when it is the only one. */
  async findSerial(): Promise<void> {
    await this.list.reload();
    const only = this.list.items.length === 1 ? this.list.items[0]! : null;
    if (only) router.replace('stock', [], { meter: only.id });
    else if (this.serial.trim() && this.list.items.length === 0) toasts.push('info', t('stock.noSuchSerial', { serial: this.serial.trim() }));
  }

  async open(id: number | null, force = false): Promise<void> {
    if (id === this.meterId && !force) return;
    const request = ++this.#request;
    this.meterId = id;
    if (id === null) {
      this.history = null;
      return;
    }
    this.loadingHistory = true;
    try {
      const history = await api.meterHistory(id);
      if (request !== this.#request) return;
      this.history = history;
      void this.#loadAccountNos(history);
    } catch (err) {
      if (request === this.#request) reportError(err);
    } finally {
      if (request === this.#request) this.loadingHistory = false;
    }
  }

  async #loadAccountNos(history: MeterHistory): Promise<void> {
    if (!session.can('customers:read')) return;
    if (history.meter.accountId && history.meter.accountNo) this.accountNos[history.meter.accountId] = history.meter.accountNo;
    const ids = [...history.statusHistory, ...history.movements, ...history.readings].map((x) => x.accountId).filter((id): id is number => id !== null);
    await Promise.all(
      ids
        .filter((id, i) => ids.indexOf(id) === i && !(id in this.accountNos))
        .map(async (id) => {
          try {
            this.accountNos[id] = (await api.account(id)).accountNo;
          } catch {
            // A missing number is shown as the id; the history is still right.
          }
        }),
    );
  }

  dispose(): void {
    this.#request++;
  }
}
