import { maskPhone, type MatchedField, type PhoneMatch, type SearchHit } from '@gasdesk/schema';
import { api } from './api.ts';
import { reportError } from './errors.ts';
import { router } from './router.svelte.ts';

/** One thing the agent can open: a customer, or one account of a customer, and why it was found. */
export interface SearchChoice {
  key: string;
  customerId: number;
  customerNo: string;
  name: string;
  customerType: SearchHit['customerType'];
  customerStatus: SearchHit['customerStatus'];
  accountId: number | null;
  accountNo: string | null;
  accountStatus: SearchHit['accountStatus'];
  address: string | null;
  /** Every field that matched this customer or account, best first. */
  matched: { field: MatchedField; value: string }[];
  /** For a phone found on an account: whose phone it is (a contact person's, the premise's landline). */
  via: { kind: PhoneMatch['matchedVia']; contactName: string | null } | null;
  score: number;
}

/** Digits with the usual separators, seven or more: worth asking the phone lookup too. */
export function looksLikePhone(q: string): boolean {
  const s = q.replace(/[\s\-()（）+]/g, '');
  return /^\d{7,}$/.test(s);
}

/**
 * The phone lookup answers per account (a shared phone is two accounts, a customer with two flats
 * is two too), where the search answers per customer: its matches become account-level hits that
 * rank above everything else, in the lookup's order (active accounts first).
 */
function phoneHits(number: string, matches: readonly PhoneMatch[], hits: readonly SearchHit[]): (SearchHit & { via: SearchChoice['via'] })[] {
  return matches.map((m, i) => {
    const known = hits.find((h) => h.customerId === m.customerId);
    return {
      customerId: m.customerId,
      customerNo: m.customerNo,
      name: m.name,
      customerType: known?.customerType ?? 'residential',
      customerStatus: known?.customerStatus ?? (m.accountId ? 'formal' : 'potential'),
      accountId: m.accountId,
      accountNo: m.accountNo,
      accountStatus: m.accountStatus,
      address: m.address,
      matchedField: 'phone',
      matchedValue: known?.matchedField === 'phone' ? known.matchedValue : maskPhone(number),
      score: 1000 - i,
      via: m.matchedVia === 'customer' ? null : { kind: m.matchedVia, contactName: m.contactName },
    };
  });
}

/**
 * Hits about the same customer and account are one choice: a caller found by phone and by name is
 * one row, while a phone shared by two accounts stays two rows to choose from. A customer-level hit
 * (name, phone) is folded into the customer's account hits when there are any.
 */
export function choicesOf(searchHits: readonly SearchHit[], phone: { number: string; matches: readonly PhoneMatch[] } | null = null): SearchChoice[] {
  const hits: (SearchHit & { via?: SearchChoice['via'] })[] = [...(phone ? phoneHits(phone.number, phone.matches, searchHits) : []), ...searchHits];
  const choices: SearchChoice[] = [];
  for (const hit of hits.sort((a, b) => b.score - a.score)) {
    const key = `${hit.customerId}:${hit.accountId ?? ''}`;
    const existing = choices.find((c) => c.key === key);
    if (existing) {
      if (!existing.matched.some((m) => m.field === hit.matchedField)) existing.matched.push({ field: hit.matchedField, value: hit.matchedValue });
      continue;
    }
    choices.push({
      key,
      customerId: hit.customerId,
      customerNo: hit.customerNo,
      name: hit.name,
      customerType: hit.customerType,
      customerStatus: hit.customerStatus,
      accountId: hit.accountId,
      accountNo: hit.accountNo,
      accountStatus: hit.accountStatus,
      address: hit.address,
      matched: [{ field: hit.matchedField, value: hit.matchedValue }],
      via: hit.via ?? null,
      score: hit.score,
    });
  }
  // A customer-only row (found by name or phone) is said on that customer's account rows instead.
  const kept = choices.filter((c) => c.accountId !== null || !choices.some((o) => o.customerId === c.customerId && o.accountId !== null));
  for (const c of choices.filter((x) => !kept.includes(x))) {
    for (const row of kept.filter((k) => k.customerId === c.customerId)) {
      for (const m of c.matched) if (!row.matched.some((x) => x.field === m.field)) row.matched.push(m);
    }
  }
  return kept;
}

/** The customer search shared by the header box and the search page. */
class CustomerSearch {
  /** The query whose answer `choices` holds. */
  q = $state('');
  choices = $state<SearchChoice[]>([]);
  tookMs = $state<number | null>(null);
  loading = $state(false);
  loaded = $state(false);
  #request = 0;

  /** Runs a search; an answer overtaken by a newer search is dropped. Returns the choices kept. */
  async run(q: string): Promise<SearchChoice[] | null> {
    const query = q.trim();
    const request = ++this.#request;
    if (!query) {
      this.clear();
      return [];
    }
    this.loading = true;
    try {
      // A number that is not a phone after all (a meter serial) answers 422 here: no phone matches.
      const [result, phone] = await Promise.all([
        api.search(query, 50),
        looksLikePhone(query) ? api.customersByPhone(query).catch(() => null) : Promise.resolve(null),
      ]);
      if (request !== this.#request) return null;
      this.q = query;
      this.choices = choicesOf(result.items, phone);
      this.tookMs = result.tookMs;
      this.loaded = true;
      return this.choices;
    } catch (err) {
      if (request === this.#request) reportError(err);
      return null;
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  clear(): void {
    this.#request++;
    this.q = '';
    this.choices = [];
    this.tookMs = null;
    this.loaded = false;
    this.loading = false;
  }
}

export const customerSearch = new CustomerSearch();

/** Opens a customer's 360 on the account the choice is about; `replace` when it stands for a redirect. */
export function openChoice(choice: SearchChoice, replace = false): void {
  (replace ? router.replace : router.go).call(router, 'customer', [choice.customerId], { account: choice.accountId });
}
