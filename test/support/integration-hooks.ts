import { startSharedApp, stopSharedApp } from './harness.ts';

/** Mocha root hooks: one app on a fresh MariaDB database for the whole integration run. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    await startSharedApp();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopSharedApp();
  },
};
