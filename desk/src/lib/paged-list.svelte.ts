import { reportError } from './errors.ts';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * One page of a server list plus its paging. The page component owns the filters and reads them
 * inside `fetchPage`, so this class knows nothing about what is being listed.
 */
export class PagedList<T> {
  items = $state<T[]>([]);
  total = $state(0);
  offset = $state(0);
  loading = $state(false);
  /** Set once the first answer arrived, so "no rows" is not shown while still loading. */
  loaded = $state(false);
  readonly limit: number;
  #fetchPage: (limit: number, offset: number) => Promise<Page<T>>;
  #request = 0;

  constructor(limit: number, fetchPage: (limit: number, offset: number) => Promise<Page<T>>) {
    this.limit = limit;
    this.#fetchPage = fetchPage;
  }

  /** Only the newest request's answer is kept: a slow old search must not overwrite a newer one. */
  async load(offset = this.offset): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    try {
      const page = await this.#fetchPage(this.limit, offset);
      if (request !== this.#request) return;
      this.items = page.items;
      this.total = page.total;
      this.offset = offset;
      this.loaded = true;
    } catch (err) {
      if (request === this.#request) reportError(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  /** After a filter change: back to the first page. */
  reload(): Promise<void> {
    return this.load(0);
  }

  /** Puts a row the server returned (after an edit) in place without reloading the page. */
  replace(match: (item: T) => boolean, item: T): void {
    this.items = this.items.map((x) => (match(x) ? item : x));
  }
}
