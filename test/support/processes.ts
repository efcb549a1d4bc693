import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { testConfig } from './test-config.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Started {
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts a product entry point as its own process (`node --import tsx <file>`), as production
 * does, and resolves once its output contains `readyWhen`.
 */
export async function startProcess(file: string, env: Record<string, string>, readyWhen: RegExp, timeoutMs = 45_000): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, file)], {
    cwd: ROOT,
    env: { ...testConfig.childBaseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${file} did not get ready in time:\n${output}`)), timeoutMs);
    const check = () => {
      if (readyWhen.test(output)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`${file} exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs an entry point to completion and returns its exit code and output. */
export function runProcess(file: string, env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, file)], {
      cwd: ROOT,
      env: { ...testConfig.childBaseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => ok({ code, output }));
  });
}
