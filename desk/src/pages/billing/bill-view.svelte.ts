import type { BillView, RebillResult } from '@gasdesk/schema';
import { api, ApiError } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';

/** One bill on screen, read by id; made afresh when the route's id changes. */
export class BillState {
  readonly id: number;
  bill = $state.raw<BillView | null>(null);
  missing = $state(false);

  constructor(id: number) {
    this.id = id;
  }

  async load(): Promise<void> {
    try {
      this.bill = await api.bill(this.id);
      this.missing = false;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not_found') this.missing = true;
      else reportError(err);
    }
  }

  /** Reverses this bill and bills its period again; the dialog shows what the server refused. */
  async rebill(reason: string): Promise<RebillResult> {
    const result = await api.rebill(this.id, reason);
    this.bill = result.reversed;
    return result;
  }
}
