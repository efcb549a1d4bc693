export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  detail?: string;
}

// Errors stay longer than confirmations: staff are often on a call and look away.
const LIFETIME_MS: Record<ToastKind, number> = { success: 3500, info: 8000, error: 10000 };

class Toasts {
  items = $state<Toast[]>([]);
  #nextId = 1;

  /** `sticky` toasts (company notices) stay until dismissed. */
  push(kind: ToastKind, title: string, detail?: string, sticky = false): number {
    const id = this.#nextId++;
    // Drop an identical toast already showing, so a failing retry loop does not stack copies.
    this.items = [...this.items.filter((x) => x.title !== title || x.detail !== detail), { id, kind, title, detail }].slice(-5);
    if (!sticky) setTimeout(() => this.dismiss(id), LIFETIME_MS[kind]);
    return id;
  }

  success(title: string, detail?: string): number {
    return this.push('success', title, detail);
  }

  error(title: string, detail?: string): number {
    return this.push('error', title, detail);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((x) => x.id !== id);
  }

  clear(): void {
    this.items = [];
  }
}

export const toasts = new Toasts();
