import type { ChargeKind, PriceVersionInput, TariffView, UserCategory } from '@gasdesk/schema';
import { api } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';

/** The price lists on screen, filtered by category and charge kind; each change answers the whole list again. */
export class TariffsState {
  items = $state.raw<TariffView[]>([]);
  loaded = $state(false);
  category = $state<UserCategory | ''>('');
  chargeKind = $state<ChargeKind | ''>('');
  #request = 0;

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const { items } = await api.tariffs({ category: this.category || undefined, chargeKind: this.chargeKind || undefined });
      if (request !== this.#request) return;
      this.items = items;
      this.loaded = true;
    } catch (err) {
      if (request === this.#request) reportError(err);
    }
  }

  find(id: number | null): TariffView | null {
    return this.items.find((x) => x.id === id) ?? null;
  }

  /** Puts a tariff the server answered in place (or first, when new). */
  put(tariff: TariffView): void {
    this.items = this.items.some((x) => x.id === tariff.id) ? this.items.map((x) => (x.id === tariff.id ? tariff : x)) : [tariff, ...this.items];
  }

  /** Throws, so the form can place the server's issues beside its fields. */
  async addVersion(tariffId: number, version: PriceVersionInput): Promise<TariffView> {
    const tariff = await api.addPriceVersion(tariffId, version);
    this.put(tariff);
    return tariff;
  }

  async deleteVersion(tariffId: number, versionId: number): Promise<boolean> {
    try {
      this.put(await api.deletePriceVersion(tariffId, versionId));
      return true;
    } catch (err) {
      reportError(err);
      return false;
    }
  }

  async setActive(tariffId: number, active: boolean): Promise<void> {
    try {
      this.put(await api.updateTariff(tariffId, { active }));
    } catch (err) {
      reportError(err);
    }
  }
}
