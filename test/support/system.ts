import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { testConfig } from './test-config.ts';

/** True when `cmd --version`-like probing finds the program. */
export function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function succeeds(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let aptUpdated = false;

/** Installs Debian packages when running as root; otherwise stops with a message naming them. */
export function aptInstall(packages: string[], why: string): void {
  if (!isRoot() || !have('apt-get')) {
    throw new Error(`${why}: install the Debian packages ${packages.join(' ')} (apt-get install ${packages.join(' ')})`);
  }
  process.stdout.write(`installing ${packages.join(' ')} (${why})\n`);
  const env = { ...testConfig.childBaseEnv, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export { existsSync };
