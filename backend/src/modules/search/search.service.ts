import { Op, QueryTypes, type Sequelize } from 'sequelize';
import { phoneSearchKeys, formatPhoneForDisplay, type PhoneMatch, type PhoneMatches, type SearchQuery, type SearchResult } from '@gasdesk/schema';
import { escapeLike } from '../../db/like.ts';
import { companyScope, requireUser } from '../../shared/request-context.ts';
import { Account } from '../customers/account.model.ts';
import { Customer, CustomerPhone } from '../customers/customer.model.ts';
import type { CustomerService } from '../customers/customer.service.ts';
import { Premise } from '../customers/premise.model.ts';
import { Meter } from '../meters/meter.model.ts';
import { phoneMatch, presentHits, presentPhoneMatches, type RawHit } from './search.presenter.ts';
import { containsFragment, fragmentWords, queryTerms, type TermKind } from './search-terms.ts';

/** Ranks: exact identifiers, then identifier prefixes, then names (whole, start, fragment), then address fragments. */
export const SCORE = { exact: 100, prefix: 80, nameExact: 70, namePrefix: 60, nameFragment: 50, addressFragment: 40 } as const;

/** Shorter identifier prefixes match too much to mean anything (`QJ0` is a tenth of the accounts). */
export const PREFIX_MIN = 4;

const IDENTIFIER = /^[0-9A-Za-z][0-9A-Za-z\-_/.]*$/;

/**
 * Finding customers: one search box over every field agents are given on the phone, and the
 * screen-pop lookup of a calling number. Each field is looked up through its own index, all of
 * them at once; names and addresses through the term table (see `search-terms.ts`).
 */
export class SearchService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly customers: CustomerService,
  ) {}

  /** Ranked hits for whatever was typed: a phone in any writing, an identifier, a name or an address fragment. */
  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const text = query.q.normalize('NFKC').trim();
    const compact = text.replace(/\s+/gu, '');
    const lookups: Promise<RawHit[]>[] = [];
    if (/\d/.test(text)) lookups.push(this.phoneKeys(text).then((keys) => (keys.length > 0 ? this.phoneHits(keys, query.limit) : [])));
    if (IDENTIFIER.test(compact)) lookups.push(this.identifierHits(compact, query.limit));
    if (/\p{L}/u.test(text)) lookups.push(this.nameHits(text, query.limit), this.addressHits(text, query.limit));
    const items = await presentHits((await Promise.all(lookups)).flat(), query.limit);
    return { items, tookMs: Math.round((performance.now() - started) * 10) / 10 };
  }

  /**
   * Every account whose holder's phone, contact person's phone or premise landline is the number,
   * active ones first, and customers with no account; several matches are a choice for the agent,
   * never narrowed down here. A number that cannot be read (a withheld caller id) matches nothing.
   * After the company's area code, two indexed queries run together, so the CTI's short timeout holds.
   */
  async byPhone(number: string): Promise<PhoneMatches> {
    const keys = await this.phoneKeys(number);
    if (keys.length === 0) return { number, matches: [] };
    const [phones, atPremises] = await Promise.all([
      CustomerPhone.findAll({
        where: { e164: keys },
        include: [{ model: Customer, as: 'customer', required: true, include: [{ model: Account, as: 'accounts', include: [{ model: Premise, as: 'premise' }] }] }],
      }),
      Account.findAll({ include: [{ model: Premise, as: 'premise', required: true, where: { phoneE164: keys } }, { model: Customer, as: 'customer', required: true }] }),
    ]);
    return { number: formatPhoneForDisplay(keys[0]!), matches: presentPhoneMatches(phones, atPremises) };
  }

  /** The account with exactly this number (keyed into the IVR by a caller), as a screen-pop match. */
  async byAccountNo(accountNo: string): Promise<PhoneMatch[]> {
    const account = await Account.findOne({
      where: { accountNo: accountNo.trim() },
      include: [{ model: Customer, as: 'customer', required: true }, { model: Premise, as: 'premise' }],
    });
    return account ? [phoneMatch(account.customer!, account, 'customer', null)] : [];
  }

  private async phoneKeys(input: string): Promise<string[]> {
    const defaults = await this.customers.phoneDefaults(requireUser().companyId);
    return phoneSearchKeys(input, { defaultCountryCode: defaults.defaultCountryCode, ...(defaults.defaultAreaCode && { defaultAreaCode: defaults.defaultAreaCode }) });
  }

  private async phoneHits(keys: string[], limit: number): Promise<RawHit[]> {
    const [phones, atPremises] = await Promise.all([
      CustomerPhone.findAll({ where: { e164: keys }, attributes: ['customerId', 'e164'], limit }),
      Account.findAll({ attributes: ['id', 'customerId'], include: [{ model: Premise, as: 'premise', attributes: ['phoneE164'], required: true, where: { phoneE164: keys } }], limit }),
    ]);
    return [
      ...phones.map((p) => ({ customerId: p.customerId, accountId: null, matchedField: 'phone' as const, matchedValue: p.e164, score: SCORE.exact })),
      ...atPremises.map((a) => ({ customerId: a.customerId, accountId: a.id, matchedField: 'phone' as const, matchedValue: a.premise!.phoneE164!, score: SCORE.exact })),
    ];
  }

  /** Account numbers and meter serials exactly or by prefix; customer, card and ID numbers exactly. Letters match in any case. */
  private async identifierHits(value: string, limit: number): Promise<RawHit[]> {
    const upper = value.toUpperCase();
    const pattern = value.length >= PREFIX_MIN ? `${escapeLike(value)}%` : escapeLike(value);
    const rank = (found: string) => (found.toUpperCase() === upper ? SCORE.exact : SCORE.prefix);
    const [accounts, bySerial, byCard, customers] = await Promise.all([
      Account.findAll({ where: { accountNo: { [Op.like]: pattern } }, attributes: ['id', 'customerId', 'accountNo'], order: [['accountNo', 'ASC']], limit }),
      Meter.findAll({ where: { serial: { [Op.like]: pattern }, accountId: { [Op.ne]: null } }, attributes: ['serial', 'accountId'], order: [['serial', 'ASC']], limit }),
      Meter.findAll({ where: { icCardNo: { [Op.like]: escapeLike(value) }, accountId: { [Op.ne]: null } }, attributes: ['icCardNo', 'accountId'], limit }),
      Customer.findAll({ where: { [Op.or]: [{ customerNo: { [Op.like]: escapeLike(value) } }, { idNumber: upper }] }, attributes: ['id', 'customerNo', 'idNumber'], limit }),
    ]);
    // Meters know their account, not its holder: the presenter fills the customer in from the account.
    return [
      ...accounts.map((a) => ({ customerId: a.customerId, accountId: a.id, matchedField: 'account_no' as const, matchedValue: a.accountNo, score: rank(a.accountNo) })),
      ...bySerial.map((m) => ({ customerId: null, accountId: m.accountId, matchedField: 'meter_serial' as const, matchedValue: m.serial, score: rank(m.serial) })),
      ...byCard.map((m) => ({ customerId: null, accountId: m.accountId, matchedField: 'ic_card' as const, matchedValue: m.icCardNo!, score: SCORE.exact })),
      ...customers.map((c) =>
        c.customerNo.toUpperCase() === upper
          ? { customerId: c.id, accountId: null, matchedField: 'customer_no' as const, matchedValue: c.customerNo, score: SCORE.exact }
          : { customerId: c.id, accountId: null, matchedField: 'id_number' as const, matchedValue: c.idNumber!, score: SCORE.exact },
      ),
    ];
  }

  /** Names by their start through the name index, and anywhere inside through the term table. */
  private async nameHits(text: string, limit: number): Promise<RawHit[]> {
    const words = fragmentWords(text, 'name');
    const [starting, candidates] = await Promise.all([
      Customer.findAll({ where: { name: { [Op.like]: `${escapeLike(text)}%` } }, attributes: ['id', 'name'], order: [['name', 'ASC']], limit }),
      this.termCandidates('name', queryTerms(text, 'name'), 2 * limit).then((ids) => (ids.length > 0 ? Customer.findAll({ where: { id: ids }, attributes: ['id', 'name'] }) : [])),
    ]);
    return [
      ...starting.map((c) => ({ customerId: c.id, accountId: null, matchedField: 'name' as const, matchedValue: c.name, score: c.name === text ? SCORE.nameExact : SCORE.namePrefix })),
      ...candidates
        .filter((c) => containsFragment(c.name, words))
        .map((c) => ({ customerId: c.id, accountId: null, matchedField: 'name' as const, matchedValue: c.name, score: SCORE.nameFragment })),
    ];
  }

  /** Accounts at premises whose address holds every word of the fragment. */
  private async addressHits(text: string, limit: number): Promise<RawHit[]> {
    const ids = await this.termCandidates('address', queryTerms(text, 'address'), 2 * limit);
    if (ids.length === 0) return [];
    const words = fragmentWords(text, 'address');
    const premises = (await Premise.findAll({ where: { id: ids }, attributes: ['id', 'fullAddress'] })).filter((p) => containsFragment(p.fullAddress, words));
    if (premises.length === 0) return [];
    const addressOf = new Map(premises.map((p) => [p.id, p.fullAddress]));
    const accounts = await Account.findAll({ where: { premiseId: [...addressOf.keys()] }, attributes: ['id', 'customerId', 'premiseId'], limit });
    return accounts.map((a) => ({ customerId: a.customerId, accountId: a.id, matchedField: 'address' as const, matchedValue: addressOf.get(a.premiseId)!, score: SCORE.addressFragment }));
  }

  /**
   * Ids of the rows holding every term: the first term's rows joined to each other term by primary
   * key, so the database starts from the rarest term and stops at the limit.
   */
  private async termCandidates(kind: TermKind, terms: string[], limit: number): Promise<number[]> {
    if (terms.length === 0) return [];
    // Raw SQL, because Sequelize cannot join a table to itself without an association. The tenancy
    // hooks do not see it, so the caller's company comes from companyScope() here.
    const scope = companyScope();
    const joins = terms
      .slice(1)
      .map((_, k) => `JOIN search_terms t${k + 1} ON t${k + 1}.kind = t0.kind AND t${k + 1}.term = :term${k + 1} AND t${k + 1}.company_id = t0.company_id AND t${k + 1}.ref_id = t0.ref_id`);
    const sql = `SELECT t0.ref_id AS refId FROM search_terms t0 ${joins.join(' ')} WHERE t0.kind = :kind AND t0.term = :term0${scope === 'all' ? '' : ' AND t0.company_id = :companyId'} LIMIT :limit`;
    const replacements: Record<string, string | number> = { kind, limit, ...Object.fromEntries(terms.map((term, k) => [`term${k}`, term])) };
    if (scope !== 'all') replacements.companyId = scope;
    const rows = await this.sequelize.query<{ refId: number | string }>(sql, { replacements, type: QueryTypes.SELECT });
    return rows.map((r) => Number(r.refId));
  }
}
