import { z } from 'zod';
import { Id, Timestamp, pageOf, PageQuery } from '../common.ts';
import { AccountFlag } from '../billing/pricing.ts';
import { AccountStatus, BillDelivery, UserCategory } from './enums.ts';
import { CustomerCreate } from './customers.ts';
import { BusinessDate, RegisterValue } from './fields.ts';
import { MeterView, ReadingInput } from './meters.ts';
import { PremiseCreate, PremiseView } from './premises.ts';

/** 开户: open an account for a customer at a premise, optionally installing a meter from stock. */
export const AccountOpen = z.object({
  premise: z.union([z.object({ premiseId: Id }), PremiseCreate]),
  category: UserCategory,
  /** Registered household size (户籍人口); tier volumes grow above a company-set size. */
  householdSize: z.number().int().min(1).max(30).default(3),
  readingBookCode: z.string().trim().max(32).nullable().default(null),
  billDelivery: BillDelivery.default('sms'),
  /** The company's account number; generated from the company's format when absent. */
  accountNo: z.string().trim().min(4).max(32).optional(),
  openedOn: BusinessDate,
  meter: z.object({ meterId: Id, installReading: RegisterValue }).nullable().default(null),
});
export type AccountOpen = z.infer<typeof AccountOpen>;

export const AccountPatch = z
  .object({
    category: UserCategory,
    householdSize: z.number().int().min(1).max(30),
    readingBookCode: z.string().trim().max(32).nullable(),
    billDelivery: BillDelivery,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'name at least one field to change' });
export type AccountPatch = z.infer<typeof AccountPatch>;

/** 过户: the old holder's final reading; the new holder is billed from that reading on. */
export const AccountTransfer = z.object({
  newHolder: z.union([z.object({ customerId: Id }), CustomerCreate]),
  finalReading: ReadingInput,
  reason: z.string().trim().max(200).default(''),
});
export type AccountTransfer = z.infer<typeof AccountTransfer>;

/** 销户: final reading; the meter goes back to a warehouse. */
export const AccountClose = z.object({
  finalReading: ReadingInput,
  warehouseId: Id,
  reason: z.string().trim().min(1).max(200),
});
export type AccountClose = z.infer<typeof AccountClose>;

export const AccountStatusEventView = z.object({
  from: AccountStatus.nullable(),
  to: AccountStatus,
  on: BusinessDate,
  reason: z.string(),
  userId: Id.nullable(),
});

export const HolderPeriodView = z.object({
  customerId: Id,
  customerName: z.string(),
  fromDate: BusinessDate,
  toDate: BusinessDate.nullable(),
  startReading: z.string().nullable(),
});

export const AccountView = z.object({
  id: Id,
  companyId: Id,
  accountNo: z.string(),
  customerId: Id,
  customerName: z.string(),
  premise: PremiseView,
  category: UserCategory,
  householdSize: z.number().int(),
  readingBookCode: z.string().nullable(),
  billDelivery: BillDelivery,
  status: AccountStatus,
  openedOn: BusinessDate,
  closedOn: BusinessDate.nullable(),
  meters: z.array(MeterView),
  /** Flags discount rules ask for (低保户…), set with `PUT /accounts/:id/flags`. */
  flags: z.array(AccountFlag).default([]),
  createdAt: Timestamp,
});
export type AccountView = z.infer<typeof AccountView>;

export const AccountDetail = AccountView.extend({
  statusHistory: z.array(AccountStatusEventView),
  holders: z.array(HolderPeriodView),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

export const AccountList = pageOf(AccountView);
export const AccountListQuery = PageQuery.extend({
  customerId: Id.optional(),
  status: AccountStatus.optional(),
  category: UserCategory.optional(),
  readingBookCode: z.string().trim().max(32).optional(),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;
