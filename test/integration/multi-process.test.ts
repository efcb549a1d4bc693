import { expect } from 'chai';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import type { UserList } from '@gasdesk/schema';
import { Api } from '../support/http.ts';
import { runProcess, startProcess, type Started } from '../support/processes.ts';
import { testEnv } from '../support/harness.ts';
import { createDatabase, REDIS_URL } from '../support/mariadb.ts';
import { connectSocket, nextDisconnect } from '../support/socket.ts';

const LISTENING = /"msg":"api listening"/;

/**
 * The production shape as plain processes: migrate, then two api replicas and a worker on one
 * MariaDB and Redis (docker-compose runs the same entry points).
 */
describe('production shape: two api processes and a worker on one MariaDB and Redis', function () {
  const started: Started[] = [];
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let urls: string[];
  const password = 'multi-process-demo';

  before(async function () {
    this.timeout(120_000);
    const db = await createDatabase('prod');
    drop = db.drop;
    env = testEnv({ DATABASE_URL: db.url, NODE_ENV: 'production', LOG_LEVEL: 'info', DEMO_PASSWORD: password, REDIS_PREFIX: `gasdesk-mp-${process.pid}` });
    for (const step of ['backend/src/migrate.ts', 'backend/src/seed.ts']) {
      const run = await runProcess(step, env, 60_000);
      expect(run.code, run.output).to.equal(0);
    }
    // A session that expired two days ago: the worker's purge job must remove it.
    const conn = await mysql.createConnection(db.url);
    await conn.query(
      `INSERT INTO sessions (company_id, user_id, token_hash, expires_at, created_at, updated_at)
       SELECT company_id, id, REPEAT('e', 64), NOW() - INTERVAL 2 DAY, NOW() - INTERVAL 3 DAY, NOW() FROM users WHERE username = 'admin'`,
    );
    await conn.end();
    const apis = await Promise.all([0, 1].map(() => startProcess('backend/src/web.ts', env, LISTENING)));
    started.push(...apis);
    urls = apis.map((a) => /"url":"([^"]+)"/.exec(a.output())![1]!);
    started.push(await startProcess('backend/src/worker.ts', env, /"msg":"worker started"/));
  });

  after(async function () {
    this.timeout(30_000);
    await Promise.all(started.map((s) => s.stop()));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${env.REDIS_PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await drop();
  });

  it('should close a socket held on one api when its user is disabled through the other', async () => {
    const [a, b] = urls as [string, string];
    expect(a).not.to.equal(b);
    const admin = await new Api(a).login('admin', password);
    const agent = await new Api(b).login('agent', password);
    const { socket } = await connectSocket(b, agent.token!);
    const revoked = new Promise((resolve) => socket.once('session:revoked', resolve));
    const closed = nextDisconnect(socket);

    const users = await admin.get<UserList>('/api/users?q=agent');
    const agentId = users.body.items.find((u) => u.username === 'agent')!.id;
    expect((await admin.patch(`/api/users/${agentId}`, { disabled: true })).status).to.equal(200);

    expect(await revoked).to.deep.equal({ reason: 'disabled' });
    expect(await closed).to.equal('io server disconnect');
    expect((await agent.get('/api/auth/me')).status).to.equal(401);
  });

  it('should close the socket on the first api when the session logs out through the second', async () => {
    const [a, b] = urls as [string, string];
    const supervisor = await new Api(a).login('supervisor', password);
    const { socket } = await connectSocket(a, supervisor.token!);
    const closed = nextDisconnect(socket);
    const sameSessionOnB = new Api(b, supervisor.token);
    expect((await sameSessionOnB.post('/api/auth/logout')).status).to.equal(204);
    expect(await closed).to.equal('io server disconnect');
  });

  it('should run the recurring jobs on the worker: purge expired sessions and verify the audit chains', async function () {
    this.timeout(30_000);
    const worker = started[2]!;
    // Both jobs run once at the worker's start; the audit check reads every event the demo seed wrote, so it may end last.
    const deadline = Date.now() + 25_000;
    while (!(/expired sessions purged/.test(worker.output()) && /audit chain (intact|BROKEN)/i.test(worker.output())) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(worker.output()).to.match(/"sessions":1,"throttles":0,"msg":"expired sessions purged"/);
    expect(worker.output()).to.match(/"checked":\d+,"msg":"audit chain intact"/);
  });
});
