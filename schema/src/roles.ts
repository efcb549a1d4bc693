import { z } from 'zod';

/** The closed set of staff roles. A user has exactly one. */
export const ROLES = [
  'admin',
  'supervisor',
  'agent',
  'cashier',
  'meter_reader',
  'field_technician',
  'billing_clerk',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * Every permission the product checks. Anything not granted is denied.
 * Modules add their own permissions here when they land.
 */
export const PERMISSIONS = [
  'company:read',
  'users:read',
  'users:manage',
  'audit:read',
  /** Act on the rows of every company, not only one's own (city-wide operator staff). Grant only. */
  'companies:span',
  'customers:read',
  /** Register and change customers (an agent registers a caller as a potential customer). */
  'customers:write',
  /** See a customer's full phone and ID numbers; every reveal is audited. */
  'customers:reveal',
  /** Open, transfer and close accounts. */
  'accounts:write',
  'meters:read',
  /** Install, remove and replace meters at premises. */
  'meters:write',
  'stock:read',
  /** Receive meters, send them to calibration, scrap them; manage warehouses. */
  'stock:write',
  /** Bulk import of legacy registry data. */
  'registry:import',
  /** Take calls: wrap-up, pick the caller's customer, ready/pause, dial, hang up, transfer. */
  'calls:handle',
  /** Read the call log. */
  'calls:read',
  /** See the live wallboard of the company's queues and agents. */
  'wallboard:read',
  /** See reading books, cycles, readings, the exception queue and readers' statistics. */
  'readings:read',
  /** Enter readings, import handheld files, resolve exceptions. */
  'readings:write',
  /** Set up reading books and their routes, open and close cycles, set the plausibility rules. */
  'readings:manage',
  /** Push readings from a meter head-end (a system account of the AMR/NB-IoT platform). */
  'readings:remote',
  /** See an account's balance and statement (its ledger lines with running balance). */
  'ledger:read',
  /** See price lists and their versions, discount rules, contracts and the billing settings. */
  'tariffs:read',
  /** Change prices (add or withdraw versions), discount rules, contracts, account flags and the billing settings. */
  'tariffs:manage',
  /** See bills with their breakdown and explanation, and billing runs with their reports. */
  'billing:read',
  /** Bill an account now and rebill (reverse and bill again) a bill. */
  'billing:write',
  /** Start and resume billing runs. */
  'billing:run',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/** Permissions that come with a role. `companies:span` is never implied by a role: it is granted to a user. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    'company:read', 'users:read', 'users:manage', 'audit:read',
    'customers:read', 'customers:write', 'customers:reveal', 'accounts:write',
    'meters:read', 'meters:write', 'stock:read', 'stock:write', 'registry:import',
    'calls:read', 'wallboard:read',
    'readings:read', 'readings:write', 'readings:manage', 'readings:remote', 'ledger:read',
    'tariffs:read', 'tariffs:manage', 'billing:read', 'billing:write', 'billing:run',
  ],
  supervisor: [
    'company:read', 'users:read', 'customers:read', 'customers:reveal', 'meters:read', 'stock:read',
    'calls:handle', 'calls:read', 'wallboard:read', 'readings:read', 'ledger:read', 'tariffs:read', 'billing:read',
  ],
  agent: ['company:read', 'customers:read', 'customers:write', 'meters:read', 'calls:handle', 'calls:read', 'readings:read', 'ledger:read', 'tariffs:read', 'billing:read'],
  cashier: ['company:read', 'customers:read', 'meters:read', 'ledger:read', 'tariffs:read', 'billing:read'],
  meter_reader: ['company:read', 'customers:read', 'meters:read', 'readings:read', 'readings:write'],
  field_technician: ['company:read', 'customers:read', 'meters:read', 'meters:write', 'stock:read'],
  billing_clerk: [
    'company:read', 'customers:read', 'customers:write', 'customers:reveal', 'accounts:write',
    'meters:read', 'meters:write', 'stock:read', 'stock:write', 'registry:import',
    'readings:read', 'readings:write', 'readings:manage', 'ledger:read',
    'tariffs:read', 'tariffs:manage', 'billing:read', 'billing:write', 'billing:run',
  ],
};

/** Permissions an admin may grant to a user on top of the role. */
export const GRANTABLE_PERMISSIONS = ['companies:span'] as const satisfies readonly Permission[];
export const GrantablePermission = z.enum(GRANTABLE_PERMISSIONS);
export type GrantablePermission = z.infer<typeof GrantablePermission>;

/** The effective permissions of a role plus its user's grants, sorted and without duplicates. */
export function permissionsOf(role: Role, grants: readonly Permission[] = []): Permission[] {
  const all = new Set<Permission>([...ROLE_PERMISSIONS[role], ...grants]);
  return PERMISSIONS.filter((p) => all.has(p));
}
