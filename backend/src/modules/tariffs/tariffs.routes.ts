import {
  AccountFlags,
  BillingSettings,
  ContractInput,
  ContractList,
  ContractPatch,
  ContractView,
  DiscountRuleInput,
  DiscountRuleList,
  DiscountRulePatch,
  DiscountRuleView,
  IdParams,
  PriceVersionInput,
  TariffCreate,
  TariffList,
  TariffListQuery,
  TariffUpdate,
  TariffVersionParams,
  TariffView,
} from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { BillingSettingsService } from './billing-settings.service.ts';
import type { ContractService } from './contract.service.ts';
import type { DiscountRuleService } from './discount-rule.service.ts';
import type { PriceBookLoader } from './price-book.ts';
import type { TariffService } from './tariff.service.ts';

export interface TariffServices {
  tariffs: TariffService;
  contracts: ContractService;
  discounts: DiscountRuleService;
  settings: BillingSettingsService;
  /** What billing runs read prices from. */
  priceBooks: PriceBookLoader;
}

export function tariffRoutes(s: TariffServices) {
  const tag = 'prices';
  const read = { permission: 'tariffs:read' } as const;
  const manage = { permission: 'tariffs:manage' } as const;
  return [
    defineRoute({ method: 'get', path: '/tariffs', summary: 'Price lists with their versions, by user category or charge kind', tag, access: read, query: TariffListQuery, response: TariffList, handler: ({ query }) => s.tariffs.list(query) }),
    defineRoute({ method: 'post', path: '/tariffs', summary: 'Create the price list of a category and charge kind with its first versions (one list per category and charge kind)', tag, access: manage, body: TariffCreate, response: TariffView, status: 201, handler: ({ body }) => s.tariffs.create(body) }),
    defineRoute({ method: 'get', path: '/tariffs/:id', summary: 'One price list with its versions', tag, access: read, params: IdParams, response: TariffView, handler: ({ params }) => s.tariffs.get(params.id) }),
    defineRoute({ method: 'patch', path: '/tariffs/:id', summary: 'Rename a price list, change its accounting code, or withdraw it from new bills', tag, access: manage, params: IdParams, body: TariffUpdate, response: TariffView, handler: ({ params, body }) => s.tariffs.update(params.id, body) }),
    defineRoute({ method: 'post', path: '/tariffs/:id/versions', summary: 'A new price from a date (a date that already has a version is refused)', tag, access: manage, params: IdParams, body: PriceVersionInput, response: TariffView, status: 201, handler: ({ params, body }) => s.tariffs.addVersion(params.id, body) }),
    defineRoute({ method: 'delete', path: '/tariffs/:id/versions/:versionId', summary: 'Withdraw a version entered by mistake; never the list’s last one, never one that priced a bill', tag, access: manage, params: TariffVersionParams, response: TariffView, handler: ({ params }) => s.tariffs.deleteVersion(params.id, params.versionId) }),
    defineRoute({ method: 'get', path: '/discount-rules', summary: 'Discount rules, active or not', tag, access: read, response: DiscountRuleList, handler: () => s.discounts.list() }),
    defineRoute({ method: 'post', path: '/discount-rules', summary: 'Create a discount rule: a charge kind, the accounts it is for, its validity and its form', tag, access: manage, body: DiscountRuleInput, response: DiscountRuleView, status: 201, handler: ({ body }) => s.discounts.create(body) }),
    defineRoute({ method: 'patch', path: '/discount-rules/:id', summary: 'Rename a discount rule, change its validity or form, or stop it', tag, access: manage, params: IdParams, body: DiscountRulePatch, response: DiscountRuleView, handler: ({ params, body }) => s.discounts.update(params.id, body) }),
    defineRoute({ method: 'get', path: '/accounts/:id/contracts', summary: 'An account’s contracts, oldest first, with their negotiated prices', tag, access: read, params: IdParams, response: ContractList, handler: ({ params }) => s.contracts.listForAccount(params.id) }),
    defineRoute({ method: 'post', path: '/contracts', summary: 'A contract for a commercial, industrial or public-welfare account; contracts of one account never overlap', tag, access: manage, body: ContractInput, response: ContractView, status: 201, handler: ({ body }) => s.contracts.create(body) }),
    defineRoute({ method: 'patch', path: '/contracts/:id', summary: 'End or extend a contract, or change its minimum volume or billing day', tag, access: manage, params: IdParams, body: ContractPatch, response: ContractView, handler: ({ params, body }) => s.contracts.update(params.id, body) }),
    defineRoute({ method: 'post', path: '/contracts/:id/versions', summary: 'A negotiated price from a date inside the contract', tag, access: manage, params: IdParams, body: PriceVersionInput, response: ContractView, status: 201, handler: ({ params, body }) => s.contracts.addVersion(params.id, body) }),
    defineRoute({ method: 'get', path: '/billing/settings', summary: 'The company’s billing settings: rounding, the price-change boundary day, tier blocks across slices, days to pay', tag, access: read, response: BillingSettings, handler: () => s.settings.get() }),
    defineRoute({ method: 'put', path: '/billing/settings', summary: 'Replace the company’s billing settings', tag, access: manage, body: BillingSettings, response: BillingSettings, handler: ({ body }) => s.settings.put(body) }),
    defineRoute({ method: 'put', path: '/accounts/:id/flags', summary: 'Set the flags discount rules ask for (low income, elderly alone…) on an account, as a whole', tag, access: manage, params: IdParams, body: AccountFlags, response: AccountFlags, handler: ({ params, body }) => s.settings.setFlags(params.id, body) }),
  ];
}
