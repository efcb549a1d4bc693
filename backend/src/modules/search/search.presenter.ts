import { formatPhoneForDisplay, maskIdNumber, maskPhone, type MatchedField, type PhoneMatch, type SearchHit } from '@gasdesk/schema';
import { Account } from '../customers/account.model.ts';
import { Customer, type CustomerPhone } from '../customers/customer.model.ts';
import { Premise } from '../customers/premise.model.ts';

/**
 * What one lookup found, before the hits are merged and presented: an account, a customer, or
 * both. A meter knows only its account; the customer is filled in from it. Phone and ID numbers
 * arrive whole and are masked here, in one place.
 */
export interface RawHit {
  customerId: number | null;
  accountId: number | null;
  matchedField: MatchedField;
  matchedValue: string;
  score: number;
}

type Resolved = RawHit & { customerId: number; account: Account | null };

const withPremise = [{ model: Premise, as: 'premise' }];

function shownValue(field: MatchedField, value: string): string {
  if (field === 'phone') return maskPhone(formatPhoneForDisplay(value));
  if (field === 'id_number') return maskIdNumber(value);
  return value;
}

/** Active accounts (and customer-level hits, which have none) before closed ones. */
function statusRank(account: Account | null): number {
  return account?.status === 'closed' ? 1 : 0;
}

/** The account a customer-level hit shows its address from: the first active one, else the first. */
function mainAccounts(accounts: Account[]): Map<number, Account> {
  const main = new Map<number, Account>();
  for (const a of accounts) {
    const current = main.get(a.customerId);
    if (!current || (current.status !== 'active' && a.status === 'active')) main.set(a.customerId, a);
  }
  return main;
}

/**
 * Merges what the lookups found into ranked hits: one per customer and account, with its best
 * score; ties go to active accounts, then customer and account numbers. Customer-level hits (a
 * phone, a name) show the address of the customer's main account so namesakes can be told apart.
 */
export async function presentHits(raw: RawHit[], limit: number): Promise<SearchHit[]> {
  if (raw.length === 0) return [];
  const accountIds = [...new Set(raw.flatMap((h) => (h.accountId === null ? [] : [h.accountId])))];
  const holders = [...new Set(raw.flatMap((h) => (h.accountId === null && h.customerId !== null ? [h.customerId] : [])))];
  const [accounts, held] = await Promise.all([
    accountIds.length > 0 ? Account.findAll({ where: { id: accountIds }, include: withPremise }) : [],
    holders.length > 0 ? Account.findAll({ where: { customerId: holders }, include: withPremise, order: [['id', 'ASC']] }) : [],
  ]);
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const best = new Map<string, Resolved>();
  for (const hit of raw) {
    const account = hit.accountId === null ? null : accountById.get(hit.accountId);
    if (account === undefined) continue;
    const customerId = account?.customerId ?? hit.customerId!;
    const key = `${customerId}/${hit.accountId ?? ''}`;
    if ((best.get(key)?.score ?? -1) < hit.score) best.set(key, { ...hit, customerId, account });
  }
  const customers = new Map((await Customer.findAll({ where: { id: [...new Set([...best.values()].map((h) => h.customerId))] } })).map((c) => [c.id, c]));
  const main = mainAccounts(held);
  return [...best.values()]
    .filter((h) => customers.has(h.customerId))
    .sort(
      (a, b) =>
        b.score - a.score ||
        statusRank(a.account) - statusRank(b.account) ||
        customers.get(a.customerId)!.customerNo.localeCompare(customers.get(b.customerId)!.customerNo) ||
        (a.account?.accountNo ?? '').localeCompare(b.account?.accountNo ?? ''),
    )
    .slice(0, limit)
    .map((h) => {
      const customer = customers.get(h.customerId)!;
      const shownAccount = h.account ?? main.get(h.customerId) ?? null;
      return {
        customerId: customer.id,
        customerNo: customer.customerNo,
        name: customer.name,
        customerType: customer.type,
        customerStatus: customer.status,
        accountId: h.account?.id ?? null,
        accountNo: h.account?.accountNo ?? null,
        accountStatus: h.account?.status ?? null,
        address: shownAccount?.premise?.fullAddress ?? null,
        matchedField: h.matchedField,
        matchedValue: shownValue(h.matchedField, h.matchedValue),
        score: h.score,
      };
    });
}

const VIA_RANK: Record<PhoneMatch['matchedVia'], number> = { customer: 0, contact: 1, premise: 2 };

/** Active accounts first, then customers with no account yet (a lead calling back), then closed accounts. */
function matchRank(m: PhoneMatch): number {
  if (m.accountStatus === 'active') return 0;
  return m.accountStatus === null ? 1 : 2;
}

export function phoneMatch(customer: Customer, account: Account | null, matchedVia: PhoneMatch['matchedVia'], contactName: string | null): PhoneMatch {
  return {
    customerId: customer.id,
    customerNo: customer.customerNo,
    name: customer.name,
    accountId: account?.id ?? null,
    accountNo: account?.accountNo ?? null,
    accountStatus: account?.status ?? null,
    category: account?.category ?? null,
    address: account?.premise?.fullAddress ?? null,
    matchedVia,
    contactName,
  };
}

/**
 * One match per account (or per customer without one), reached the most direct way: the holder's
 * own phone before a contact's, a contact's before the premise landline.
 *
 * @param phones loaded with `customer.accounts.premise`
 * @param atPremises accounts loaded with `premise` and `customer`
 */
export function presentPhoneMatches(phones: CustomerPhone[], atPremises: Account[]): PhoneMatch[] {
  const matches = new Map<string, PhoneMatch>();
  const add = (m: PhoneMatch) => {
    const key = `${m.customerId}/${m.accountId ?? ''}`;
    const seen = matches.get(key);
    if (!seen || VIA_RANK[m.matchedVia] < VIA_RANK[seen.matchedVia]) matches.set(key, m);
  };
  for (const p of phones) {
    const customer = p.customer!;
    const via = p.contactName ? 'contact' : 'customer';
    const accounts = customer.accounts ?? [];
    if (accounts.length === 0) add(phoneMatch(customer, null, via, p.contactName));
    for (const a of accounts) add(phoneMatch(customer, a, via, p.contactName));
  }
  for (const a of atPremises) add(phoneMatch(a.customer!, a, 'premise', null));
  return [...matches.values()].sort(
    (a, b) => matchRank(a) - matchRank(b) || VIA_RANK[a.matchedVia] - VIA_RANK[b.matchedVia] || a.customerNo.localeCompare(b.customerNo) || (a.accountNo ?? '').localeCompare(b.accountNo ?? ''),
  );
}
