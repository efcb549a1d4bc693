import type { CompanyView } from '@gasdesk/schema';
import { api } from './api.ts';
import { reportError } from './errors.ts';

/** The signed-in user's company: header, home page and the time zone dates are shown in. */
class CompanyState {
  current = $state<CompanyView | null>(null);
  loading = $state(false);

  async load(companyId: number): Promise<void> {
    this.loading = true;
    try {
      const { items } = await api.companies();
      this.current = items.find((c) => c.id === companyId) ?? items[0] ?? null;
    } catch (err) {
      reportError(err);
    } finally {
      this.loading = false;
    }
  }

  clear(): void {
    this.current = null;
  }
}

export const company = new CompanyState();
