import { loadConfigOrExit } from './config/config.ts';
import { openDatabase } from './db/database.ts';
import { initModels } from './db/models.ts';
import { LedgerService } from './modules/ledger/ledger.service.ts';
import { describeFinding } from './modules/ledger/ledger-rules.ts';
import { systemClock } from './shared/clock.ts';
import { runAsSystem } from './shared/request-context.ts';

// `npm run check:ledger`: checks every company's ledger (transactions balance, balances equal their
// receivable entries), prints what is wrong in plain words and exits 1 when anything is.
const config = loadConfigOrExit();
const sequelize = openDatabase(config.DATABASE_URL, { poolMax: 1 });
initModels(sequelize);
try {
  const findings = await runAsSystem('ledger check', () => new LedgerService(sequelize, systemClock).check());
  for (const finding of findings) process.stdout.write(`${describeFinding(finding)}\n`);
  if (findings.length === 0) {
    process.stdout.write('ledger check: every transaction balances and every account balance equals its receivable entries\n');
  } else {
    const unbalanced = findings.filter((f) => f.kind === 'unbalanced_transaction').length;
    process.stdout.write(`ledger check: ${findings.length} finding(s) — ${unbalanced} unbalanced transaction(s), ${findings.length - unbalanced} balance mismatch(es)\n`);
    process.exitCode = 1;
  }
} finally {
  await sequelize.close();
}
