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
}

/**
 * The desk's pages, in menu order. A module adds its page by adding one entry here; the menu and
 * the router both read this list, so a page a user may not open is neither listed nor reachable.
 */
export const NAV: readonly NavItem[] = [
  { route: 'home', labelKey: 'nav.home', permission: null, icon: 'home', page: () => import('../pages/HomePage.svelte') },
  { route: 'users', labelKey: 'nav.users', permission: 'users:read', icon: 'users', page: () => import('../pages/users/UsersPage.svelte') },
  { route: 'audit', labelKey: 'nav.audit', permission: 'audit:read', icon: 'audit', page: () => import('../pages/audit/AuditPage.svelte') },
];

export function allowedNav(can: (permission: Permission) => boolean): NavItem[] {
  return NAV.filter((item) => item.permission === null || can(item.permission));
}
