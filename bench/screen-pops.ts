/**
 * Screen-pops under load: `npm run bench:screenpop -- --agents 200 --calls-per-second 50 --seconds 30`.
 *
 * Creates a fresh MariaDB database with demo households (`--customers`, default 10,000), starts the
 * API with Socket.IO and the call center in this process, wired as `npm start` wires them: the AMI
 * driver over TCP to the PBX simulator. Signs in `--agents` agents, each with its own socket like a
 * desk — in a child process, as desks are other machines — and has the simulator place calls from
 * the households' phones at the given rate, each answered by a free agent. For every `AgentCalled`
 * the simulator emits (the same tick it writes the frame to its AMI session) it measures the time
 * until the ringing agent's socket receives `call:screen-pop` — the caller lookup included — on
 * the machine's clock (`performance.timeOrigin + performance.now()` in both processes). A ring with
 * no pop within 5 s after the load is lost. Prints progress, the figures and, last, one JSON line.
 * Not a test.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { QueryTypes } from 'sequelize';
import type { ScreenPop } from '@gasdesk/schema';
import { loadConfig } from '../backend/src/config/config.ts';
import { createContainer } from '../backend/src/container.ts';
import { migrateUp } from '../backend/src/db/migrator.ts';
import { hashPassword } from '../backend/src/modules/auth/password.ts';
import { startCtiLink } from '../backend/src/modules/call-center/cti-link.ts';
import { User } from '../backend/src/modules/users/user.model.ts';
import { startWebServer } from '../backend/src/server.ts';
import { createLogger } from '../backend/src/shared/logger.ts';
import { runAsSystem } from '../backend/src/shared/request-context.ts';
import { createDatabase } from '../test/support/mariadb.ts';
import { connectSocket, type DeskSocket } from '../test/support/socket.ts';
import { loadHouseholds } from './support/households.ts';

/** The machine's clock in milliseconds with fractions, comparable between processes. */
const wallNow = () => performance.timeOrigin + performance.now();

/** What the desks' process reports per pop: `callId|extension`, when it arrived, whether it named a customer, whether the lookup timed out. */
type Pop = [key: string, at: number, found: boolean, lookupTimedOut: boolean];

// The desks' side: sign in is done by the parent; here each agent's socket listens and reports its pops.
if (process.argv[2] === '--desks') {
  const { url, agents } = JSON.parse(process.argv[3]!) as { url: string; agents: { extension: string; token: string }[] };
  const desks: DeskSocket[] = [];
  let pending: Pop[] = [];
  for (const { extension, token } of agents) {
    const { socket } = await connectSocket(url, token);
    socket.on('call:screen-pop', (pop: ScreenPop) => pending.push([`${pop.callId}|${extension}`, wallNow(), pop.matches.length > 0, pop.lookupTimedOut]));
    desks.push(socket);
  }
  const flush = setInterval(() => {
    if (pending.length === 0) return;
    process.send!(pending);
    pending = [];
  }, 100);
  process.send!('ready');
  process.on('message', (message) => {
    if (message !== 'stop') return;
    clearInterval(flush);
    if (pending.length > 0) process.send!(pending);
    for (const socket of desks) socket.disconnect();
    process.disconnect();
  });
} else {
const { values: args } = parseArgs({
  options: {
    agents: { type: 'string', default: '200' },
    'calls-per-second': { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    customers: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
  },
});
const AGENTS = Number(args.agents);
const RATE = Number(args['calls-per-second']);
const SECONDS = Number(args.seconds);
const CUSTOMERS = Number(args.customers);
for (const [name, value] of [['agents', AGENTS], ['calls-per-second', RATE], ['seconds', SECONDS], ['customers', CUSTOMERS]] as const) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
}
const QUEUE = 'gas-service';
const PASSWORD = 'bench-password-1';
const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? null : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]! * 10) / 10);

const db = await createDatabase('bench_pops');
const c = createContainer(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' }), createLogger('silent'));
try {
  await migrateUp(c.sequelize);
  say(`screen-pop benchmark: ${AGENTS} agents, ${RATE} calls a second for ${SECONDS} s, ${CUSTOMERS.toLocaleString('en')} customers on ${db.name}`);
  const { company } = await loadHouseholds(c, CUSTOMERS, ['customers', 'customerPhones', 'premises', 'accounts', 'meters'], say);
  for (const table of ['customers', 'customer_phones', 'premises', 'accounts']) await c.sequelize.query(`ANALYZE TABLE ${table}`);
  // Callers as the carrier presents them: national numbers, a mobile without +86, a landline with its trunk 0.
  const known = (await c.sequelize.query<{ e164: string }>('SELECT e164 FROM customer_phones WHERE company_id = ? ORDER BY RAND(7) LIMIT 4500', { replacements: [company.id], type: QueryTypes.SELECT })).map((p) => p.e164.replace(/^\+86(?=1)/, '').replace(/^\+86/, '0'));
  // Every tenth caller is a stranger: 154 was never issued, so no household has the number and the lookup runs empty.
  const phones = known.flatMap((number, i) => (i % 9 === 8 ? [number, `154${String(i).padStart(8, '0')}`] : [number]));

  const passwordHash = await hashPassword(PASSWORD);
  const extensions = Array.from({ length: AGENTS }, (_, i) => String(8001 + i));
  await runAsSystem('bench', () =>
    User.bulkCreate(extensions.map((extension) => ({ companyId: company.id, username: `agent${extension}`, displayName: `坐席${extension}`, role: 'agent' as const, grants: [], extension, passwordHash, lastLoginAt: null }))),
  );
  const server = await startWebServer(c);
  const link = await startCtiLink(c, { demo: false, simulator: { queues: [QUEUE] } });
  const pbx = link.simulator!.pbx;

  say(`signing in ${AGENTS} agents and connecting their sockets in a second process`);
  const signedIn: { extension: string; token: string }[] = [];
  for (const extension of extensions) {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' }, body: JSON.stringify({ username: `agent${extension}`, password: PASSWORD }) });
    signedIn.push({ extension, token: ((await login.json()) as { token: string }).token });
  }
  const popped = new Map<string, Pop>();
  const desks = fork(fileURLToPath(import.meta.url), ['--desks', JSON.stringify({ url: server.url, agents: signedIn })], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    desks.on('message', (message) => {
      if (message === 'ready') resolve();
      else for (const pop of message as Pop[]) popped.set(pop[0], pop);
    });
    desks.once('exit', (code) => reject(new Error(`the desks' process ended (${code})`)));
  });

  // The moment the simulator emits AgentCalled: it writes the frame to its AMI sessions in the same tick.
  const rung = new Map<string, number>();
  const callers = new Set<string>();
  pbx.onEvent((fields) => {
    const field = (name: string) => fields.find(([k]) => k === name)?.[1] ?? '';
    if (fields[0]?.[1] === 'QueueCallerJoin') callers.add(field('Linkedid'));
    if (fields[0]?.[1] !== 'AgentCalled') return;
    rung.set(`${field('Linkedid')}|${field('Interface').replace(/^\w+\//, '')}`, wallNow());
  });

  say(`placing ${(RATE * SECONDS).toLocaleString('en')} calls`);
  // How long this process (api, cti and simulator) could not run: a stall here delays every pop at once.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  const progress = setInterval(() => say(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${callers.size.toLocaleString('en')} calls placed, ${rung.size.toLocaleString('en')} rings, ${popped.size.toLocaleString('en')} pops`), 5000);
  const load = link.simulator!.startLoad({ calls: RATE * SECONDS, callsPerSecond: RATE, agents: extensions, queue: QUEUE, callerNumbers: phones });
  await load.done;
  await new Promise((resolve) => setTimeout(resolve, 5000));
  clearInterval(progress);
  const stopped = new Promise((resolve) => desks.once('disconnect', resolve));
  desks.send('stop');
  await stopped;

  const latencies: number[] = [];
  let lost = 0;
  let found = 0;
  let timedOut = 0;
  for (const [key, at] of rung) {
    const pop = popped.get(key);
    if (pop === undefined) {
      lost += 1;
      continue;
    }
    latencies.push(pop[1] - at);
    if (pop[2]) found += 1;
    if (pop[3]) timedOut += 1;
  }
  latencies.sort((a, b) => a - b);
  const figures = { p50: percentile(latencies, 0.5), p90: percentile(latencies, 0.9), p99: percentile(latencies, 0.99), max: percentile(latencies, 1) };
  say(`done: ${callers.size.toLocaleString('en')} calls, ${rung.size.toLocaleString('en')} rings, ${latencies.length.toLocaleString('en')} pops (${found.toLocaleString('en')} naming a customer, ${timedOut} lookups timed out), ${lost} lost`);
  say(`ring → pop: p50 ${figures.p50} ms, p90 ${figures.p90} ms, p99 ${figures.p99} ms, max ${figures.max} ms`);
  loopDelay.disable();
  say(`event loop of the server's process: delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
  await link.close();
  await server.close();
  say(JSON.stringify({ agents: AGENTS, calls: rung.size, lost, p50_ms: figures.p50, p99_ms: figures.p99, p90_ms: figures.p90, max_ms: figures.max, lookups_timed_out: timedOut, customers: CUSTOMERS }));
} finally {
  await c.close();
  if (args.keep) say(`database kept: ${db.name}`);
  else await db.drop();
}
}
