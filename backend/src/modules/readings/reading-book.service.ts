import { Op, UniqueConstraintError, type Sequelize, type WhereOptions } from 'sequelize';
import type { ReadingBookCreate, ReadingBookList, ReadingBookListQuery, ReadingBookPatch, ReadingBookView, ReadingRoute, ReadingRouteView } from '@gasdesk/schema';
import { escapeLike } from '../../db/like.ts';
import { AppError } from '../../shared/app-error.ts';
import { requireUser } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Account } from '../customers/account.model.ts';
import { Premise } from '../customers/premise.model.ts';
import { Meter } from '../meters/meter.model.ts';
import { User } from '../users/user.model.ts';
import { ReadingBook } from './reading-book.model.ts';
import { ReadingCycle } from './reading-cycle.model.ts';

/** Reading books and their routes: which accounts a reader visits, in which order. */
export class ReadingBookService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditService,
  ) {}

  async list(query: ReadingBookListQuery): Promise<ReadingBookList> {
    const where: WhereOptions<ReadingBook> = {};
    if (query.readerId) Object.assign(where, { readerId: query.readerId });
    if (query.q) {
      const like = `%${escapeLike(query.q)}%`;
      Object.assign(where, { [Op.or]: [{ code: { [Op.like]: like } }, { name: { [Op.like]: like } }] });
    }
    const { rows, count } = await ReadingBook.findAndCountAll({ where, include: [{ model: User, as: 'reader' }], order: [['code', 'ASC']], limit: query.limit, offset: query.offset });
    return { items: await this.present(rows), total: count, limit: query.limit, offset: query.offset };
  }

  async get(id: number): Promise<ReadingBookView> {
    return (await this.present([await this.load(id)]))[0]!;
  }

  async create(input: ReadingBookCreate): Promise<ReadingBookView> {
    await this.checkReader(input.readerId);
    try {
      const book = await this.sequelize.transaction(async (t) => {
        const created = await ReadingBook.create({ ...input, companyId: requireUser().companyId, active: true }, { transaction: t });
        await this.audit.record({ action: 'reading_book.created', companyId: created.companyId, targetType: 'reading_book', targetId: created.id, details: { code: created.code, readerId: created.readerId, schedule: created.schedule } }, t);
        return created;
      });
      return this.get(book.id);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw AppError.invalid('code', 'another reading book has this code');
      throw err;
    }
  }

  async update(id: number, patch: ReadingBookPatch): Promise<ReadingBookView> {
    const book = await this.load(id);
    if (patch.readerId !== undefined) await this.checkReader(patch.readerId);
    await this.sequelize.transaction(async (t) => {
      const before = { name: book.name, readerId: book.readerId, schedule: book.schedule, readDay: book.readDay, active: book.active };
      await book.update(patch, { transaction: t });
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== book[k]);
      if (changed.length > 0) {
        await this.audit.record({ action: 'reading_book.updated', companyId: book.companyId, targetType: 'reading_book', targetId: book.id, details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: book[k] }])) }, t);
      }
    });
    return this.get(id);
  }

  async route(id: number): Promise<ReadingRouteView> {
    const book = await this.load(id);
    const accounts = await this.routeAccounts(book.code);
    const meters = await Meter.findAll({ where: { accountId: accounts.map((a) => a.id), status: 'installed' } });
    const meterOf = new Map(meters.map((m) => [m.accountId!, m]));
    return {
      bookId: book.id,
      stops: accounts.map((a, i) => {
        const meter = meterOf.get(a.id);
        return { sequence: i + 1, accountId: a.id, accountNo: a.accountNo, address: a.premise!.fullAddress, meterId: meter?.id ?? null, meterSerial: meter?.serial ?? null, meterKind: meter?.kind ?? null };
      }),
    };
  }

  /** Sets the route: the listed accounts join the book in this order; accounts left out leave it. */
  async setRoute(id: number, input: ReadingRoute): Promise<ReadingRouteView> {
    const book = await this.load(id);
    const unique = [...new Set(input.accountIds)];
    if (unique.length !== input.accountIds.length) throw AppError.invalid('accountIds', 'an account is listed twice');
    await this.sequelize.transaction(async (t) => {
      const found = await Account.findAll({ where: { id: unique }, attributes: ['id'], transaction: t });
      if (found.length !== unique.length) {
        const known = new Set(found.map((a) => a.id));
        const index = input.accountIds.findIndex((accountId) => !known.has(accountId));
        throw AppError.invalid(`accountIds.${index}`, 'no such account');
      }
      await Account.update({ readingBookCode: null, readingSequence: 0 }, { where: { readingBookCode: book.code, id: { [Op.notIn]: unique.length > 0 ? unique : [0] } }, transaction: t });
      for (const [i, accountId] of unique.entries()) {
        await Account.update({ readingBookCode: book.code, readingSequence: i + 1 }, { where: { id: accountId }, transaction: t });
      }
      await this.audit.record({ action: 'reading_book.route_set', companyId: book.companyId, targetType: 'reading_book', targetId: book.id, details: { accounts: unique.length } }, t);
    });
    return this.route(id);
  }

  /** The book's active accounts in route order (accounts with no place yet come last, by number). */
  async routeAccounts(code: string): Promise<Account[]> {
    return Account.findAll({
      where: { readingBookCode: code, status: 'active' },
      include: [{ model: Premise, as: 'premise', required: true }],
      order: [['readingSequence', 'ASC'], ['accountNo', 'ASC']],
    });
  }

  async load(id: number): Promise<ReadingBook> {
    const book = await ReadingBook.findByPk(id, { include: [{ model: User, as: 'reader' }] });
    if (!book) throw AppError.notFound('reading book');
    return book;
  }

  private async checkReader(readerId: number | null): Promise<void> {
    if (readerId === null) return;
    const reader = await User.findByPk(readerId);
    if (!reader || reader.disabled) throw AppError.invalid('readerId', 'no such user in this company');
  }

  private async present(books: ReadingBook[]): Promise<ReadingBookView[]> {
    if (books.length === 0) return [];
    const codes = books.map((b) => b.code);
    const counts = await Account.count({ where: { readingBookCode: codes, status: 'active' }, group: ['readingBookCode'] });
    const countOf = new Map(counts.map((c) => [(c as unknown as { readingBookCode: string }).readingBookCode, Number(c.count)]));
    const cycles = await ReadingCycle.findAll({ where: { bookId: books.map((b) => b.id) }, order: [['period', 'DESC']] });
    const latestOf = new Map<number, ReadingCycle>();
    for (const c of cycles) if (!latestOf.has(c.bookId)) latestOf.set(c.bookId, c);
    return books.map((b) => {
      const latest = latestOf.get(b.id);
      return {
        id: b.id,
        code: b.code,
        name: b.name,
        readerId: b.readerId,
        readerName: b.reader?.displayName ?? null,
        schedule: b.schedule,
        readDay: b.readDay,
        active: b.active,
        accounts: countOf.get(b.code) ?? 0,
        latestCycle: latest ? { id: latest.id, period: latest.period, status: latest.status } : null,
        createdAt: b.createdAt.toISOString(),
      };
    });
  }
}
