import type { WarehouseView } from '@gasdesk/schema';
import { api } from './api.ts';
import { reportError } from './errors.ts';

/** The company's warehouses, read once and shared by the stock page and the dialogs that pick one. */
class Warehouses {
  items = $state<WarehouseView[]>([]);
  loaded = $state(false);
  #pending: Promise<void> | null = null;

  /** Loads the list unless it is already here; concurrent callers share one request. */
  ensure(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    return this.reload();
  }

  reload(): Promise<void> {
    this.#pending ??= api
      .warehouses()
      .then(({ items }) => {
        this.items = items;
        this.loaded = true;
      })
      .catch(reportError)
      .finally(() => (this.#pending = null));
    return this.#pending;
  }

  clear(): void {
    this.items = [];
    this.loaded = false;
  }

  name(id: number | null): string {
    return this.items.find((w) => w.id === id)?.name ?? (id === null ? '' : `#${id}`);
  }
}

export const warehouses = new Warehouses();
