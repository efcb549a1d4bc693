import { UserCategory, type ContractInput, type ContractPatch, type ContractView, type PriceVersionInput, type Pricing } from '@gasdesk/schema';
import { api } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';
import type { FieldErrors } from '../../lib/form-errors.ts';
import { t } from '../../lib/i18n.svelte.ts';
import { categoryName } from '../../lib/registry-names.ts';
import { priceText, yuan } from '../billing/billing-names.ts';

/** The categories whose accounts may have a contract (the server refuses the others with a 422 on `accountId`). */
export const CONTRACT_CATEGORIES: readonly UserCategory[] = ['commercial', 'industrial', 'public_welfare'];

/**
 * One account's contracts on the customer 360, oldest first, and the changes made to them there.
 * Made afresh per account. The changes throw, so that the dialog can put the server's issues
 * beside its fields; a saved contract replaces its old self in the list.
 */
export class AccountContractsState {
  readonly accountId: number;
  items = $state.raw<ContractView[] | null>(null);

  constructor(accountId: number) {
    this.accountId = accountId;
  }

  async load(): Promise<void> {
    try {
      this.items = (await api.accountContracts(this.accountId)).items;
    } catch (err) {
      reportError(err);
    }
  }

  async create(input: ContractInput): Promise<ContractView> {
    return this.#put(await api.createContract(input));
  }

  async update(id: number, patch: ContractPatch): Promise<ContractView> {
    return this.#put(await api.updateContract(id, patch));
  }

  async addVersion(id: number, input: PriceVersionInput): Promise<ContractView> {
    return this.#put(await api.addContractVersion(id, input));
  }

  #put(contract: ContractView): ContractView {
    const others = (this.items ?? []).filter((c) => c.id !== contract.id);
    this.items = [...others, contract].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    return contract;
  }
}

/** Where a contract stands on `today`: not started, in force, or past its last day. */
export type ContractState = 'future' | 'current' | 'ended';

export function contractState(c: { startsOn: string; endsOn: string | null }, today: string): ContractState {
  if (c.startsOn > today) return 'future';
  return c.endsOn !== null && c.endsOn < today ? 'ended' : 'current';
}

/** `2026-01-01 至 2026-12-31`, or `2026-01-01 起，长期` for an open-ended contract. */
export function periodText(c: { startsOn: string; endsOn: string | null }): string {
  return c.endsOn === null ? t('tariffs.contract.openEnded', { from: c.startsOn }) : t('tariffs.contract.period', { from: c.startsOn, to: c.endsOn });
}

/** A negotiated price in one line: `4.00 元/m³`, `3.10 / 3.72 / 4.65 元/m³` for a ladder, or a fee. */
export function pricingText(p: Pricing): string {
  if (p.model === 'flat') return t('billing.ladder.flatValue', { price: priceText(p.unitPrice) });
  if (p.model === 'tiered') return t('billing.ladder.flatValue', { price: p.tiers.map((s) => priceText(s.unitPrice)).join(' / ') });
  return t(p.per === 'month' ? 'billing.ladder.feePerMonth' : 'billing.ladder.feePerBill', { amount: yuan(p.amountFen) });
}

/** The server's words about contracts (English, with the values in them), said in the user's language. */
const ISSUES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^the contract ends before it starts$/, () => t('tariffs.contract.issue.endsBeforeStart')],
  [
    /^contract (\S+) of this account runs from (\S+) to (.+)$/,
    (m) => t('tariffs.contract.issue.overlap', { contractNo: m[1] ?? '', period: periodText({ startsOn: m[2] ?? '', endsOn: m[3] === 'no end' ? null : (m[3] ?? null) }) }),
  ],
  [/^contract (\S+) (?:exists already|was saved at the same moment)$/, (m) => t('tariffs.contract.issue.noTaken', { contractNo: m[1] ?? '' })],
  [/^the contract has a price from (\S+), after that day$/, (m) => t('tariffs.contract.issue.priceAfterEnd', { date: m[1] ?? '' })],
  [/^the contract runs from (\S+) to (.+)$/, (m) => t('tariffs.contract.issue.priceOutside', { period: periodText({ startsOn: m[1] ?? '', endsOn: m[2] === 'no end' ? null : (m[2] ?? null) }) })],
  [/^a contract price takes effect within the contract/, () => t('tariffs.contract.issue.priceInside')],
  [/^another version takes effect on (\S+)$/, (m) => t('tariffs.contract.issue.sameDay', { date: m[1] ?? '' })],
  [
    /^account (\S+) is (\w+); contracts are for/,
    (m) => t('tariffs.contract.issue.category', { accountNo: m[1] ?? '', category: categoryText(m[2] ?? '') }),
  ],
  [/^must be a volume in m³/, () => t('billing.draft.volume')],
  [/^must be a price in yuan/, () => t('billing.draft.price')],
  [/^must be a date YYYY-MM-DD$|^not a real date$/, () => t('issue.date')],
];

/** A category named in a message, in words when it is one of ours. */
function categoryText(value: string): string {
  const parsed = UserCategory.safeParse(value);
  return parsed.success ? categoryName(parsed.data) : value;
}

function issueText(field: string, text: string): string {
  // Whatever is wrong with a billing day, the rule is the same.
  if (field === 'billingDay') return t('tariffs.contract.billingDayInvalid');
  for (const [pattern, say] of ISSUES) {
    const m = pattern.exec(text);
    if (m) return say(m);
  }
  return text;
}

/**
 * A refused contract change's messages (as `formErrorsOf` placed them), with the contract rules the
 * shared issue wording does not know said in the user's language.
 */
export function contractIssues(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, text]) => [field, issueText(field, text)]));
}
