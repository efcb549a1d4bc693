import type { tariffsZhCN } from './tariffs.zh-CN.ts';

/** Typed against the zh-CN price-management strings: a missing key does not compile. */
export const tariffsEn: Record<keyof typeof tariffsZhCN, string> = {
  'permission.tariffs:read': 'See price lists, discount rules and contracts',
  'permission.tariffs:manage': 'Manage prices, discount rules, contracts and billing settings',

  'audit.action.tariff.created': 'Price list created',
  'audit.action.tariff.updated': 'Price list changed',
  'audit.action.price_version.added': 'Price version added',
  'audit.action.price_version.deleted': 'Price version withdrawn',
  'audit.action.discount_rule.created': 'Discount rule created',
  'audit.action.discount_rule.updated': 'Discount rule changed',
  'audit.action.contract.created': 'Contract signed',
  'audit.action.contract.updated': 'Contract changed',
  'audit.action.billing_settings.updated': 'Billing settings changed',
  'audit.action.account.flags_set': 'Account flags set',
};
