import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';

const have = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/**
 * Makes sure sipp (Debian `sip-tester`) is there, installing it when missing and root; otherwise
 * says what is missing. `test/ensure-services.ts` calls it before the integration tests, and the
 * SIP tests call it again so that they also run on their own.
 */
export function ensureSipp(): { ok: true } | { ok: false; reason: string } {
  if (have('sipp')) return { ok: true };
  if (process.getuid?.() !== 0 || !have('apt-get')) return { ok: false, reason: 'sipp is missing and cannot be installed (not root or no apt-get)' };
  const apt = (args: string) => spawnSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive apt-get ${args}`], { stdio: 'ignore' }).status === 0;
  const install = () => apt('install -y --no-install-recommends sip-tester');
  if (!install()) {
    apt('update');
    if (!install()) return { ok: false, reason: 'sipp is missing and apt-get could not install sip-tester' };
  }
  return have('sipp') ? { ok: true } : { ok: false, reason: 'sip-tester installed but no sipp on PATH' };
}

/** A UDP port free on 127.0.0.1 now (sipp needs its ports given). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

export interface SippRun {
  /** Resolves with sipp's exit code (0: every call succeeded) and what it wrote to stderr. */
  done: Promise<{ code: number | null; stderr: string }>;
  stop(): void;
}

/**
 * Runs sipp with a scenario from `scenarios/` on 127.0.0.1:`port`. `remote` is the peer for a
 * caller (UAC); a UAS leaves it out. `service` is the number dialled (sipp's `[service]`); `keys` fill
 * the scenario's custom `[keyword]`s.
 */
export function runSipp(options: { scenario: string; port: number; mediaPort: number; remote?: string; service?: string; calls: number; rate?: number; keys?: Record<string, string | number>; timeoutS?: number }): SippRun {
  const scenario = fileURLToPath(new URL(`./scenarios/${options.scenario}.xml`, import.meta.url));
  const args = ['-sf', scenario, '-i', '127.0.0.1', '-p', String(options.port), '-mp', String(options.mediaPort), '-m', String(options.calls), '-l', String(options.calls)];
  args.push('-r', String(options.rate ?? 10), '-nostdin', '-timeout', `${options.timeoutS ?? 20}s`, '-timeout_error', '-max_recv_loops', '1000');
  if (options.service) args.push('-s', options.service);
  for (const [key, value] of Object.entries(options.keys ?? {})) args.push('-key', key, String(value));
  if (options.remote) args.push(options.remote);
  const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return { done, stop: () => child.kill() };
}
