import { z } from 'zod';
import { Id } from '../common.ts';
import { PhoneInput } from '../phone.ts';
import { AccountStatus, CustomerStatus, CustomerType, UserCategory } from './enums.ts';
import { AccountView } from './accounts.ts';
import { CustomerView } from './customers.ts';
import { PremiseView } from './premises.ts';

/** The field a search hit came from, so the desk can say why it was found. */
export const MatchedField = z.enum(['phone', 'account_no', 'customer_no', 'meter_serial', 'ic_card', 'id_number', 'name', 'address']);
export type MatchedField = z.infer<typeof MatchedField>;

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(64),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHit = z.object({
  customerId: Id,
  customerNo: z.string(),
  name: z.string(),
  customerType: CustomerType,
  customerStatus: CustomerStatus,
  /** The account the hit belongs to, when it is about one (a meter, an account number, an address). */
  accountId: Id.nullable(),
  accountNo: z.string().nullable(),
  accountStatus: AccountStatus.nullable(),
  address: z.string().nullable(),
  matchedField: MatchedField,
  /** The matched value, masked when it is personal (phone, ID number). */
  matchedValue: z.string(),
  /** Higher is better: exact identifiers first, then prefixes, then fragments. */
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({ items: z.array(SearchHit), tookMs: z.number() });
export type SearchResult = z.infer<typeof SearchResult>;

/** One account a calling number belongs to; several are shown to the agent as a choice. */
export const PhoneMatch = z.object({
  customerId: Id,
  customerNo: z.string(),
  name: z.string(),
  accountId: Id.nullable(),
  accountNo: z.string().nullable(),
  accountStatus: AccountStatus.nullable(),
  category: UserCategory.nullable(),
  address: z.string().nullable(),
  /** Whose phone it is: the customer's own, a contact person's, or the premise's landline. */
  matchedVia: z.enum(['customer', 'contact', 'premise']),
  contactName: z.string().nullable(),
});
export type PhoneMatch = z.infer<typeof PhoneMatch>;

/** The calling number as the CTI or an agent has it, in any common writing (`+86 138…`, `0571-8701 0001`, `87010001`). */
export const PhoneLookupParams = z.object({ number: PhoneInput.min(1) });
export type PhoneLookupParams = z.infer<typeof PhoneLookupParams>;

export const PhoneMatches = z.object({ number: z.string(), matches: z.array(PhoneMatch) });
export type PhoneMatches = z.infer<typeof PhoneMatches>;

/**
 * Everything an agent needs about one customer on one screen. The `modules` slots are filled by
 * later modules (billing: bills and balance; IC cards: purchases; work orders; calls); until a
 * module exists its slot is null.
 */
export const Customer360 = z.object({
  customer: CustomerView,
  accounts: z.array(AccountView),
  premises: z.array(PremiseView),
  modules: z.object({
    billing: z.unknown().nullable(),
    cardPurchases: z.unknown().nullable(),
    workOrders: z.unknown().nullable(),
    calls: z.unknown().nullable(),
  }),
});
export type Customer360 = z.infer<typeof Customer360>;
