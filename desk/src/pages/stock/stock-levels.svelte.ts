import type { StockLevels, WarehouseView } from '@gasdesk/schema';
import { api } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';
import { warehouses } from '../../lib/warehouses.svelte.ts';

export type LevelRow = StockLevels['items'][number];

/** One warehouse with the models it holds and their totals. */
export interface WarehouseStock {
  warehouse: WarehouseView;
  rows: LevelRow[];
  available: number;
  removed: number;
}

/** Stock levels by warehouse: every warehouse is listed, an empty one too. */
export class StockLevelsState {
  items = $state<LevelRow[]>([]);
  loading = $state(false);
  loaded = $state(false);

  byWarehouse = $derived<WarehouseStock[]>(
    warehouses.items.map((warehouse) => {
      const rows = this.items
        .filter((r) => r.warehouseId === warehouse.id)
        .sort((a, b) => a.model.localeCompare(b.model) || a.kind.localeCompare(b.kind) || a.maker.localeCompare(b.maker));
      return {
        warehouse,
        rows,
        available: rows.reduce((n, r) => n + r.available, 0),
        removed: rows.reduce((n, r) => n + r.removed, 0),
      };
    }),
  );

  async load(): Promise<void> {
    this.loading = true;
    try {
      const [{ items }] = await Promise.all([api.stockLevels(), warehouses.reload()]);
      this.items = items;
      this.loaded = true;
    } catch (err) {
      reportError(err);
    } finally {
      this.loading = false;
    }
  }
}
