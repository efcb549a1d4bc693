import { execFileSync } from 'node:child_process';
import { ensureSipp } from '../cti/src/sip/testing/sipp.ts';
import { aptInstall, existsSync, have, succeeds, waitFor } from './support/system.ts';

/**
 * Integration tests need a real MariaDB (root, empty password, 127.0.0.1:3306), Redis
 * (127.0.0.1:6379) and sipp. Start the servers when installed but stopped; install what is
 * missing when root.
 */
async function ensureMariadb(): Promise<void> {
  if (succeeds('mariadb-admin', ['ping', '--protocol=tcp', '-h127.0.0.1', '-uroot'])) return;
  if (!existsSync('/usr/sbin/mariadbd')) aptInstall(['mariadb-server'], 'integration tests need MariaDB');
  if (!existsSync('/run/mysqld')) execFileSync('install', ['-d', '-o', 'mysql', '-g', 'mysql', '/run/mysqld']);
  execFileSync('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd', '--', '--user=mysql']);
  await waitFor(() => succeeds('mariadb-admin', ['ping', '--protocol=tcp', '-h127.0.0.1', '-uroot']), 'MariaDB');
}

async function ensureRedis(): Promise<void> {
  if (have('redis-cli') && succeeds('redis-cli', ['-h', '127.0.0.1', 'ping'])) return;
  if (!have('redis-server')) aptInstall(['redis-server'], 'integration tests need Redis');
  execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no']);
  await waitFor(() => succeeds('redis-cli', ['-h', '127.0.0.1', 'ping']), 'Redis');
}


await ensureMariadb();
await ensureRedis();
// The SIP driver's tests call through sipp (Debian's sip-tester), a real SIP peer.
const sipp = ensureSipp();
if (!sipp.ok) throw new Error(`the SIP driver tests need sipp: ${sipp.reason}`);
process.stdout.write('MariaDB, Redis and sipp are ready\n');
