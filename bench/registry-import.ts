/**
 * How long a registry import of a large legacy export takes on MariaDB: a generated file of
 * `ROWS` accounts (customer, premise, account, meter with its movements and install reading),
 * imported once, then again (every row unchanged).
 *
 *   npm run bench:import -- [rows]
 *
 * Needs the MariaDB of the integration tests (TEST_MARIADB_URL); creates and drops its own database.
 * Prints its figures and, last, one JSON line.
 */
import { IMPORT_COLUMNS, type ImportColumnKey } from '@gasdesk/schema';
import { loadConfig } from '../backend/src/config/config.ts';
import { createContainer } from '../backend/src/container.ts';
import { migrateUp } from '../backend/src/db/migrator.ts';
import { createLogger } from '../backend/src/shared/logger.ts';
import { runAs, runAsSystem } from '../backend/src/shared/request-context.ts';
import { Warehouse } from '../backend/src/modules/meters/warehouse.model.ts';
import { createDatabase } from '../test/support/mariadb.ts';

const ROWS = Number(process.argv[2] ?? 50_000);
const DISTRICTS = ['西湖区', '上城区', '拱墅区', '滨江区', '萧山区', '余杭区'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂';

function generatedFile(rows: number): Buffer {
  const lines = [IMPORT_COLUMNS.map((c) => c.header).join(',')];
  for (let i = 0; i < rows; i += 1) {
    const cells: Partial<Record<ImportColumnKey, string>> = {
      customerNo: `KH${String(i).padStart(9, '0')}`,
      customerName: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`,
      customerType: '居民',
      mobile: `13${String(100_000_000 + i * 7).slice(0, 9)}`,
      accountNo: `33${String(i).padStart(8, '0')}`,
      district: DISTRICTS[i % DISTRICTS.length],
      community: `第${Math.floor(i / 600) + 1}小区`,
      building: `${Math.floor(i / 60) % 10 + 1}幢`,
      unit: `${Math.floor(i / 20) % 3 + 1}单元`,
      room: `${(Math.floor(i / 4) % 5) + 1}0${(i % 4) + 1}室`,
      serviceArea: `SA-${i % 12}`,
      category: i % 10 === 0 ? '壁挂炉采暖' : '居民一般',
      householdSize: String(1 + (i % 5)),
      readingBook: `B-${Math.floor(i / 300)}`,
      billDelivery: '短信',
      openedOn: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 9}`,
      meterSerial: `JK${String(i).padStart(9, '0')}`,
      meterKind: i % 3 === 0 ? 'IC卡表' : '普通表',
      maker: '金卡智能',
      model: 'G2.5',
      maxFlow: '4',
      installReading: String(i % 50),
      icCardNo: i % 3 === 0 ? `88${String(i).padStart(8, '0')}` : '',
      warehouse: 'W1',
    };
    lines.push(IMPORT_COLUMNS.map((c) => cells[c.key] ?? '').join(','));
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

const db = await createDatabase('bench');
const c = createContainer(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, DESK_DIST: 'desk/dist' }), createLogger('silent'));
try {
  await migrateUp(c.sequelize);
  const company = await runAsSystem('bench', async () => {
    const created = await c.companies.create({ code: 'BENCH', name: '基准燃气', shortName: '基准', timeZone: 'Asia/Shanghai', accountNoPrefix: 'B', areaCode: '571', halls: [] });
    await Warehouse.create({ companyId: created.id, code: 'W1', name: '表库', address: '' });
    return created;
  });
  const actor = { kind: 'user' as const, userId: 1, username: 'bench', companyId: company.id, role: 'admin' as const, permissions: new Set<never>(), sessionId: 0, ip: null };
  const file = generatedFile(ROWS);
  const timed = async (mode: 'all' | 'valid', dryRun: boolean) => {
    const started = performance.now();
    const report = await runAs(actor, () => c.registryImport.importFile(file, { mode, dryRun }, '2026-11-28'));
    return { seconds: Math.round(performance.now() - started) / 1000, report };
  };
  const dry = await timed('all', true);
  const first = await timed('all', false);
  const again = await timed('all', false);
  if (first.report.outcome !== 'imported' || again.report.unchanged !== ROWS) throw new Error(`unexpected reports: ${JSON.stringify([first.report.problems.slice(0, 5), again.report.created])}`);
  console.log(`file: ${ROWS} rows, ${(file.length / 1e6).toFixed(1)} MB`);
  console.log(`dry run (read, validate, match):   ${dry.seconds} s`);
  console.log(`import (created ${JSON.stringify(first.report.created)}): ${first.seconds} s, ${Math.round(ROWS / first.seconds)} rows/s`);
  console.log(`same file again (all unchanged):  ${again.seconds} s`);
  console.log(JSON.stringify({ rows: ROWS, bytes: file.length, dryRunSeconds: dry.seconds, importSeconds: first.seconds, rerunSeconds: again.seconds }));
} finally {
  await c.close();
  await db.drop();
}
