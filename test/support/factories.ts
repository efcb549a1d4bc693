import type { Role } from '@gasdesk/schema';
import type { GrantablePermission } from '@gasdesk/schema';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';
import { hashPassword } from '../../backend/src/modules/auth/password.ts';
import { User } from '../../backend/src/modules/users/user.model.ts';
import type { Company } from '../../backend/src/modules/companies/company.model.ts';
import { app } from './harness.ts';

let counter = 0;
const runTag = process.pid.toString(36);

/** A name unique within this test run. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${runTag}${counter}`.toLowerCase();
}

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

export function makeCompany(name = '测试燃气有限公司'): Promise<Company> {
  const code = unique('c').toUpperCase();
  return runAsSystem('test factory', () =>
    app().c.companies.create({
      code,
      name: `${name} ${code}`,
      shortName: name.slice(0, 8),
      timeZone: 'Asia/Shanghai',
      accountNoPrefix: 'T',
      areaCode: '571',
      halls: [{ code: `${code}-01`, name: '测试营业厅', address: '西湖区文三路 1 号', phone: '0571-80000000' }],
    }),
  );
}

export async function makeUser(
  companyId: number,
  role: Role,
  options: { grants?: GrantablePermission[]; disabled?: boolean; extension?: string } = {},
): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  return runAsSystem('test factory', () =>
    User.create({
      companyId,
      username: unique(role.replace('_', '')),
      displayName: `测试${role}`,
      role,
      grants: options.grants ?? [],
      extension: options.extension ?? null,
      passwordHash: hash,
      disabled: options.disabled ?? false,
      lastLoginAt: null,
    }),
  );
}
