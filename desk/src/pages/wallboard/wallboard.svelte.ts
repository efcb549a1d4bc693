import type { CompanyWallboard } from '@gasdesk/schema';
import { api } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';
import { events } from '../../lib/events.ts';

/**
 * The wallboard on screen: read once from `GET /api/cti/wallboard`, then replaced by every
 * `wallboard:snapshot` for the user's company, and read again after a reconnect (snapshots pushed
 * during the gap are lost). `start()` returns the function that stops listening.
 */
export class WallboardState {
  board = $state<CompanyWallboard | null>(null);
  loading = $state(false);
  readonly #companyId: number;
  #request = 0;

  constructor(companyId: number) {
    this.#companyId = companyId;
  }

  start(): () => void {
    void this.load();
    const offSnapshot = events.on('wallboard:snapshot', (board) => {
      if (board.companyId !== this.#companyId) return;
      // A pushed snapshot is newer than any answer still on its way.
      this.#request++;
      this.loading = false;
      this.board = board;
    });
    const offResumed = events.on('connection:resumed', () => void this.load());
    return () => {
      offSnapshot();
      offResumed();
    };
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    try {
      const board = await api.wallboard();
      if (request === this.#request) this.board = board;
    } catch (err) {
      if (request === this.#request) reportError(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }
}
