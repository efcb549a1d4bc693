import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { AppError } from '../../shared/app-error.ts';
import { currentActor } from '../../shared/request-context.ts';
import type { Customer } from '../customers/customer.model.ts';
import type { Premise } from '../customers/premise.model.ts';
import { SearchTerm } from './search-term.model.ts';
import { addressTerms, nameTerms, type TermKind } from './search-terms.ts';

const TERMS_PER_INSERT = 5000;

/**
 * Writes the terms of many rows of one kind, sorted by primary key so that InnoDB appends rather
 * than splits pages. Ignoring duplicates makes indexing the same row twice harmless.
 */
async function writeTerms(kind: TermKind, refs: { refId: number; companyId: number; terms: string[] }[], t: Transaction): Promise<void> {
  const rows = refs.flatMap(({ refId, companyId, terms }) => terms.map((term) => ({ kind, term, companyId, refId })));
  rows.sort((a, b) => a.companyId - b.companyId || (a.term < b.term ? -1 : a.term > b.term ? 1 : a.refId - b.refId));
  for (let i = 0; i < rows.length; i += TERMS_PER_INSERT) {
    await SearchTerm.bulkCreate(rows.slice(i, i + TERMS_PER_INSERT), { transaction: t, ignoreDuplicates: true });
  }
}

/**
 * Indexes a customer's name inside the transaction that creates or renames it. On a rename, pass
 * the previous name: its terms are a function of the text, so exactly those rows are deleted, by
 * primary key (the table has no index by customer, to stay small and fast to load).
 */
export async function indexCustomer(customer: Pick<Customer, 'id' | 'companyId' | 'name'>, t: Transaction, previousName?: string): Promise<void> {
  if (previousName !== undefined) {
    if (previousName === customer.name) return;
    await SearchTerm.destroy({ where: { kind: 'name', term: nameTerms(previousName), companyId: customer.companyId, refId: customer.id }, transaction: t });
  }
  await indexCustomers([customer], t);
}

/** Indexes the names of customers created together (an import), inside their transaction. */
export async function indexCustomers(customers: Pick<Customer, 'id' | 'companyId' | 'name'>[], t: Transaction): Promise<void> {
  await writeTerms('name', customers.map((c) => ({ refId: c.id, companyId: c.companyId, terms: nameTerms(c.name) })), t);
}

/** Indexes a new premise's address inside the transaction that creates it (premises are places: their address does not change). */
export async function indexPremise(premise: Pick<Premise, 'id' | 'companyId' | 'fullAddress'>, t: Transaction): Promise<void> {
  await indexPremises([premise], t);
}

/** Indexes the addresses of premises created together (an import), inside their transaction. */
export async function indexPremises(premises: Pick<Premise, 'id' | 'companyId' | 'fullAddress'>[], t: Transaction): Promise<void> {
  await writeTerms('address', premises.map((p) => ({ refId: p.id, companyId: p.companyId, terms: addressTerms(p.fullAddress) })), t);
}

export interface ReindexReport {
  customers: number;
  premises: number;
  terms: number;
}

export interface ReindexOptions {
  /** Only this company; every company when absent. */
  companyId?: number;
  /** Called after each source page and each write, for long runs. */
  onProgress?: (report: ReindexReport) => void;
}

const READ_PAGE = 50_000;
/** About a megabyte of SQL per statement: far below MySQL's default 16 MB packet, large enough that round trips do not count. */
const ROWS_PER_INSERT = 30_000;
const WRITERS = 2;

/**
 * Rebuilds the term rows of every customer name and premise address after a bulk load that went
 * around the services (the demo seed, the benchmark, an import). System code: raw SQL, not scoped,
 * and not one transaction — searches running meanwhile may miss rows, so run it before users do.
 *
 * Terms are grouped in memory and written in primary-key order, so InnoDB appends instead of
 * splitting pages: the 20-odd million rows of a million customers load in about a minute.
 */
export async function reindex(sequelize: Sequelize, options: ReindexOptions = {}): Promise<ReindexReport> {
  if (currentActor()?.kind !== 'system') throw new AppError('internal', 'reindex runs as the system, never for a user request');
  const companies =
    options.companyId !== undefined
      ? [options.companyId]
      : (await sequelize.query<{ id: number }>('SELECT id FROM companies ORDER BY id', { type: QueryTypes.SELECT })).map((r) => Number(r.id));
  const report: ReindexReport = { customers: 0, premises: 0, terms: 0 };
  for (const companyId of companies) {
    await sequelize.query('DELETE FROM search_terms WHERE company_id = ?', { replacements: [companyId] });
    const postings = new Map<string, number[]>();
    const collect = (kind: TermKind, terms: string[], refId: number) => {
      for (const term of terms) {
        const key = `${kind}\u0000${term}`;
        const refs = postings.get(key);
        if (refs) refs.push(refId);
        else postings.set(key, [refId]);
      }
    };
    report.customers += await readPages(sequelize, 'customers', 'name', companyId, (id, name) => collect('name', nameTerms(name), id), (read) => options.onProgress?.({ ...report, customers: report.customers + read }));
    report.premises += await readPages(sequelize, 'premises', 'full_address', companyId, (id, address) => collect('address', addressTerms(address), id), (read) => options.onProgress?.({ ...report, premises: report.premises + read }));
    report.terms += await writePostings(sequelize, companyId, postings, (written) => options.onProgress?.({ ...report, terms: report.terms + written }));
  }
  return report;
}

/** Reads (id, text) of a table in id order, page by page; ids arrive ascending, so posting lists come out sorted. */
async function readPages(sequelize: Sequelize, table: string, column: string, companyId: number, each: (id: number, text: string) => void, onPage: (read: number) => void): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await sequelize.query<{ id: number; text: string }>(`SELECT id, ${column} AS text FROM ${table} WHERE company_id = ? AND id > ? ORDER BY id LIMIT ${READ_PAGE}`, {
      replacements: [companyId, after],
      type: QueryTypes.SELECT,
    });
    for (const r of rows) each(Number(r.id), r.text);
    count += rows.length;
    onPage(count);
    if (rows.length < READ_PAGE) return count;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/**
 * Writes the postings in primary-key order as two runs of about equal size at once: each run
 * appends to its own end of the key range, so neither splits the other's pages, and one statement
 * of each runs while the next is built. On SQLite the runs simply take turns.
 */
async function writePostings(sequelize: Sequelize, companyId: number, postings: Map<string, number[]>, onWrite: (written: number) => void): Promise<number> {
  // Code-point order is utf8mb4_bin's order; the kinds sort as they do in the key.
  const keys = [...postings.keys()].sort();
  const total = keys.reduce((sum, key) => sum + postings.get(key)!.length, 0);
  const runs: string[][] = [[]];
  let counted = 0;
  for (const key of keys) {
    if (counted >= (total * runs.length) / WRITERS) runs.push([]);
    runs.at(-1)!.push(key);
    counted += postings.get(key)!.length;
  }
  let written = 0;
  const writeRun = async (run: string[]) => {
    let values: string[] = [];
    let pending: Promise<unknown> = Promise.resolve();
    const flush = async () => {
      const sql = `INSERT INTO search_terms (kind, term, company_id, ref_id) VALUES ${values.join(',')}`;
      const rows = values.length;
      values = [];
      await pending;
      pending = sequelize.query(sql).then(() => onWrite((written += rows)));
    };
    for (const key of run) {
      const [kind, term] = key.split('\u0000') as [string, string];
      const prefix = `(${sequelize.escape(kind)},${sequelize.escape(term)},${companyId},`;
      for (const refId of postings.get(key)!) {
        values.push(`${prefix}${refId})`);
        if (values.length === ROWS_PER_INSERT) await flush();
      }
    }
    if (values.length > 0) await flush();
    await pending;
  };
  await Promise.all(runs.map(writeRun));
  return written;
}
