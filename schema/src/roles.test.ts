import { expect } from 'chai';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, permissionsOf } from './roles.ts';

describe('roles and permissions', () => {
  it('should give an admin user management and audit, and an agent only their company', () => {
    expect(permissionsOf('admin')).to.include.members(['users:manage', 'audit:read', 'customers:reveal', 'registry:import']);
    expect(permissionsOf('agent')).to.deep.equal(['company:read', 'customers:read', 'customers:write', 'meters:read', 'calls:handle', 'calls:read', 'readings:read', 'ledger:read', 'tariffs:read', 'billing:read']);
  });

  it('should add grants on top of the role without duplicates, in the canonical order', () => {
    expect(permissionsOf('cashier', ['companies:span', 'meters:read'])).to.deep.equal(['company:read', 'companies:span', 'customers:read', 'meters:read', 'ledger:read', 'tariffs:read', 'billing:read']);
  });

  it('should never let a role imply spanning companies', () => {
    for (const role of ROLES) expect(ROLE_PERMISSIONS[role]).not.to.include('companies:span');
    expect(PERMISSIONS).to.include('companies:span');
  });
});
