import type { Component } from 'svelte';
import type { Permission } from '@gasdesk/schema';
import type { IconName } from './icons.ts';
import type { MessageKey } from './i18n.svelte.ts';

export interface NavItem {
  /** The hash route (`#/users`) and the `nav-<route>` test id. */
  route: string;
  labelKey: MessageKey;
  /** What the user needs to see the item and open its page; `null` means every signed-in user. */
  permission: Permission | null;
  icon: IconName;
  /** Loaded on first visit, so a module's page costs nothing to users who cannot open it. */
  page: () => Promise<{ default: Component }>;
  /**
   * A page reached from another one (a customer's 360 from the search) rather than from the menu:
   * routable with the same permission check, not listed, and the menu highlights `parent` on it.
   */
  parent?: string;
}

/**
 * The desk's pages, in menu order. A module adds its page by adding one entry here; the menu and
 * the router both read this list, so a page a user may not open is neither listed nor reachable.
 */
export const NAV: readonly NavItem[] = [
  { route: 'home', labelKey: 'nav.home', permission: null, icon: 'home', page: () => import('../pages/HomePage.svelte') },
  { route: 'calls', labelKey: 'nav.calls', permission: 'calls:handle', icon: 'headset', page: () => import('../pages/calls/AgentPage.svelte') },
  { route: 'wallboard', labelKey: 'nav.wallboard', permission: 'wallboard:read', icon: 'chart', page: () => import('../pages/wallboard/WallboardPage.svelte') },
  { route: 'search', labelKey: 'nav.search', permission: 'customers:read', icon: 'search', page: () => import('../pages/search/SearchPage.svelte') },
  {
    route: 'customer',
    labelKey: 'nav.customer',
    permission: 'customers:read',
    icon: 'customer',
    parent: 'search',
    page: () => import('../pages/customer/CustomerPage.svelte'),
  },
  { route: 'stock', labelKey: 'nav.stock', permission: 'stock:read', icon: 'box', page: () => import('../pages/stock/StockPage.svelte') },
  { route: 'readings', labelKey: 'nav.readings', permission: 'readings:read', icon: 'meter', page: () => import('../pages/readings/ReadingsPage.svelte') },
  {
    route: 'reading-cycle',
    labelKey: 'nav.readings',
    permission: 'readings:read',
    icon: 'meter',
    parent: 'readings',
    page: () => import('../pages/readings/CyclePage.svelte'),
  },
  { route: 'tariffs', labelKey: 'nav.tariffs', permission: 'tariffs:read', icon: 'flame', page: () => import('../pages/tariffs/TariffsPage.svelte') },
  { route: 'billing-runs', labelKey: 'nav.billingRuns', permission: 'billing:read', icon: 'refresh', page: () => import('../pages/billing/BillingRunsPage.svelte') },
  {
    route: 'bill',
    labelKey: 'nav.bill',
    permission: 'billing:read',
    icon: 'customer',
    parent: 'search',
    page: () => import('../pages/billing/BillPage.svelte'),
  },
  { route: 'import', labelKey: 'nav.import', permission: 'registry:import', icon: 'upload', page: () => import('../pages/import/ImportPage.svelte') },
  { route: 'users', labelKey: 'nav.users', permission: 'users:read', icon: 'users', page: () => import('../pages/users/UsersPage.svelte') },
  { route: 'audit', labelKey: 'nav.audit', permission: 'audit:read', icon: 'audit', page: () => import('../pages/audit/AuditPage.svelte') },
];

export function allowedNav(can: (permission: Permission) => boolean): NavItem[] {
  return NAV.filter((item) => item.permission === null || can(item.permission));
}

/** The entries the menu lists: pages reached from another page are routable but not listed. */
export function menuItems(items: readonly NavItem[]): NavItem[] {
  return items.filter((item) => !item.parent);
}
