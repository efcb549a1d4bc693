import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@gasdesk/schema';
import type { DemoSeedStep } from '../demo-seed.ts';
import { User } from '../../modules/users/user.model.ts';
import { hashPassword } from '../../modules/auth/password.ts';

const COMPANIES = [
  {
    code: 'QJGAS',
    name: '钱江燃气有限公司',
    shortName: '钱江燃气',
    accountNoPrefix: 'QJ',
    areaCode: '571',
    halls: [
      { code: 'QJ-01', name: '钱江燃气城西营业厅', address: '西湖区文三路 398 号', phone: '0571-87010001' },
      { code: 'QJ-02', name: '钱江燃气滨江营业厅', address: '滨江区江南大道 1088 号', phone: '0571-87010002' },
      { code: 'QJ-03', name: '钱江燃气下沙营业厅', address: '钱塘区学源街 118 号', phone: '0571-87010003' },
    ],
  },
  {
    code: 'HBGAS',
    name: '湖滨燃气有限公司',
    shortName: '湖滨燃气',
    accountNoPrefix: 'HB',
    areaCode: '571',
    halls: [
      { code: 'HB-01', name: '湖滨燃气上城营业厅', address: '上城区解放路 156 号', phone: '0571-86020001' },
      { code: 'HB-02', name: '湖滨燃气拱墅营业厅', address: '拱墅区莫干山路 766 号', phone: '0571-86020002' },
    ],
  },
];

const STAFF: Record<Role, [string, string]> = {
  admin: ['系统管理员', '周建国'],
  supervisor: ['班长', '陈丽华'],
  agent: ['坐席', '王晓燕'],
  cashier: ['收费员', '李秀英'],
  meter_reader: ['抄表员', '张志强'],
  field_technician: ['维修员', '刘海涛'],
  billing_clerk: ['核算员', '赵敏'],
};

/** Call-center staff get extensions: 70xx in the first company, 71xx in the second. */
const EXTENSIONS: Partial<Record<Role, string>> = { agent: '01', supervisor: '09' };

/** The demo companies' codes: later steps seed these and leave any other company alone. */
export const DEMO_COMPANY_CODES: readonly string[] = COMPANIES.map((c) => c.code);

/** Two gas companies of one city, their halls, and one user per role in each (`agent`, `agent2`, …). */
export const companiesAndUsers: DemoSeedStep = {
  name: '0001-companies-and-users',
  async run(c, report) {
    const password = c.config.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
    const passwordHash = await hashPassword(password);
    for (const [index, spec] of COMPANIES.entries()) {
      const company = await c.companies.create({ ...spec, timeZone: c.config.COMPANY_TIME_ZONE });
      const suffix = index === 0 ? '' : String(index + 1);
      await User.bulkCreate(
        ROLES.map((role) => ({
          companyId: company.id,
          username: `${role}${suffix}`,
          displayName: `${STAFF[role][1]}（${STAFF[role][0]}）`,
          role,
          grants: [],
          extension: EXTENSIONS[role] ? `7${index}${EXTENSIONS[role]}` : null,
          passwordHash,
          lastLoginAt: null,
        })),
      );
      if (index === 0) {
        await User.create({
          companyId: company.id,
          username: 'cityadmin',
          displayName: '孙立（城市运营管理员）',
          role: 'admin',
          grants: ['companies:span'],
          extension: null,
          passwordHash,
          lastLoginAt: null,
        });
      }
    }
    const names = ROLES.map((r) => r).join(', ');
    report.lines.push(
      `Demo logins: ${names} (company ${COMPANIES[0]!.shortName}); the same with a 2 (${COMPANIES[1]!.shortName}); cityadmin spans both.`,
      c.config.DEMO_PASSWORD ? 'Demo password: the value of DEMO_PASSWORD.' : `Demo password for every demo user (shown once): ${password}`,
    );
  },
};
