import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { CompanyList, UserList } from '@gasdesk/schema';
import { Api } from '../support/http.ts';
import { runProcess, startProcess } from '../support/processes.ts';
import { testEnv } from '../support/harness.ts';
import { createDatabase } from '../support/mariadb.ts';

describe('start-up: the one-process product on an embedded SQLite database', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gasdesk-smoke-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should migrate, seed two companies, print the logins and serve them, then keep the data across a restart', async () => {
    const env = { ...testEnv({ DATABASE_URL: `sqlite:${join(dir, 'gasdesk.sqlite')}`, LOG_LEVEL: 'warn' }), REDIS_URL: '' };
    const first = await startProcess('backend/src/all-in-one.ts', env, /GasDesk is running at (\S+)/);
    let url = /GasDesk is running at (\S+)/.exec(first.output())![1]!;
    const password = /Demo password for every demo user \(shown once\): (\S+)/.exec(first.output())?.[1];
    expect(password, first.output()).to.be.a('string');
    try {
      const admin2 = await new Api(url).login('admin2', password!);
      const companies = await admin2.get<CompanyList>('/api/companies');
      expect(companies.body.items.map((c) => [c.shortName, c.halls.length])).to.deep.equal([['湖滨燃气', 2]]);
      const users = await admin2.get<UserList>('/api/users');
      expect(users.body.items.map((u) => u.username).sort()).to.deep.equal(
        ['admin2', 'agent2', 'billing_clerk2', 'cashier2', 'field_technician2', 'meter_reader2', 'supervisor2'],
      );
      await admin2.patch(`/api/users/${users.body.items.find((u) => u.username === 'agent2')!.id}`, { displayName: '重启之后仍在' });
    } finally {
      expect(await first.stop()).to.equal(0);
    }

    const second = await startProcess('backend/src/all-in-one.ts', env, /GasDesk is running at (\S+)/);
    url = /GasDesk is running at (\S+)/.exec(second.output())![1]!;
    try {
      expect(second.output()).not.to.match(/Demo password/);
      const cityadmin = await new Api(url).login('cityadmin', password!);
      const all = await cityadmin.get<CompanyList>('/api/companies');
      expect(all.body.items.map((c) => c.shortName)).to.deep.equal(['钱江燃气', '湖滨燃气']);
      const agent2 = await cityadmin.get<UserList>('/api/users?q=agent2');
      expect(agent2.body.items.map((u) => u.displayName)).to.deep.equal(['重启之后仍在']);
    } finally {
      await second.stop();
    }
  });
});

describe('start-up: configuration errors stop a process with a message naming the variable', () => {
  it('should exit 78 naming each wrong variable', async () => {
    const { code, output } = await runProcess('backend/src/all-in-one.ts', {
      DATABASE_URL: 'postgres://nope',
      PORT: 'eighty',
      AMI_HOST: 'pbx.local',
    });
    expect(code).to.equal(78);
    expect(output).to.contain('Invalid configuration');
    for (const variable of ['DATABASE_URL', 'PORT', 'AMI_USERNAME', 'AMI_SECRET']) expect(output).to.contain(`${variable}:`);
  });

  it('should refuse to start the production api without DATABASE_URL, and on a database not yet migrated', async () => {
    const missing = await runProcess('backend/src/web.ts', { REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(missing.code).to.equal(78);
    expect(missing.output).to.contain('DATABASE_URL: is required by this process');

    const db = await createDatabase('unmigrated');
    try {
      const unmigrated = await runProcess('backend/src/web.ts', testEnv({ DATABASE_URL: db.url, LOG_LEVEL: 'info' }));
      expect(unmigrated.code).to.equal(1);
      expect(unmigrated.output).to.contain('the database needs migrating first');
    } finally {
      await db.drop();
    }
  });
});
