import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from '../common.ts';
import { ContactChannel, CustomerStatus, CustomerType, IdType, Language, PhoneLabel } from './enums.ts';
import { residentIdValid } from './fields.ts';

export const PhoneEntry = z.object({
  /** Any common writing: `138 1234 5678`, `+86…`, `0571-8701 0001`; stored as E.164. */
  number: z.string().trim().min(3).max(32),
  label: PhoneLabel.default('mobile'),
  /** Set when the phone belongs to a contact person of the customer (a relative, a property manager). */
  contactName: z.string().trim().max(64).nullable().default(null),
  relation: z.string().trim().max(32).nullable().default(null),
});
export type PhoneEntry = z.infer<typeof PhoneEntry>;

const identity = {
  idType: IdType.nullable().default(null),
  idNumber: z.string().trim().toUpperCase().max(32).nullable().default(null),
};

function checkIdentity(v: { idType?: IdType | null; idNumber?: string | null }, ctx: z.RefinementCtx): void {
  if (v.idNumber && !v.idType) ctx.addIssue({ code: 'custom', path: ['idType'], message: 'say which kind of ID the number is' });
  if (v.idType === 'resident_id' && v.idNumber && !residentIdValid(v.idNumber)) {
    ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'not a valid 18-character resident ID (check digit)' });
  }
}

export const CustomerFields = z.object({
  type: CustomerType,
  name: z.string().trim().min(1).max(128),
  ...identity,
  phones: z.array(PhoneEntry).max(10).default([]),
  email: z.email().max(128).nullable().default(null),
  preferredLanguage: Language.default('zh-CN'),
  preferredChannel: ContactChannel.default('sms'),
  note: z.string().trim().max(500).nullable().default(null),
});

/** Register a customer (a potential one until an account is opened). */
export const CustomerCreate = CustomerFields.superRefine(checkIdentity);
export type CustomerCreate = z.infer<typeof CustomerCreate>;

/** Change a customer; `phones`, when given, replaces the whole list. */
export const CustomerPatch = CustomerFields.partial()
  .superRefine(checkIdentity)
  .refine((p) => Object.keys(p).length > 0, { message: 'name at least one field to change' });
export type CustomerPatch = z.infer<typeof CustomerPatch>;

export const PhoneView = z.object({
  id: Id,
  label: PhoneLabel,
  /** Masked: `138****5678`. */
  number: z.string(),
  contactName: z.string().nullable(),
  relation: z.string().nullable(),
});
export type PhoneView = z.infer<typeof PhoneView>;

export const CustomerView = z.object({
  id: Id,
  companyId: Id,
  customerNo: z.string(),
  type: CustomerType,
  status: CustomerStatus,
  name: z.string(),
  idType: IdType.nullable(),
  /** Masked: `330106********123X`. */
  idNumber: z.string().nullable(),
  phones: z.array(PhoneView),
  email: z.string().nullable(),
  preferredLanguage: Language,
  preferredChannel: ContactChannel,
  note: z.string().nullable(),
  createdAt: Timestamp,
});
export type CustomerView = z.infer<typeof CustomerView>;

export const CustomerList = pageOf(CustomerView);
export type CustomerList = z.infer<typeof CustomerList>;

export const CustomerListQuery = PageQuery.extend({
  status: CustomerStatus.optional(),
  type: CustomerType.optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

/** Reveal unmasked personal data of one customer: a permissioned, audited action. */
export const RevealRequest = z.object({
  fields: z.array(z.enum(['idNumber', 'phones'])).min(1),
  /** Why the agent needs it (verifying identity on a call); stored in the audit record. */
  reason: z.string().trim().min(2).max(200),
});
export type RevealRequest = z.infer<typeof RevealRequest>;

export const RevealResponse = z.object({
  idNumber: z.string().nullable().optional(),
  phones: z.array(z.object({ id: Id, number: z.string(), e164: z.string() })).optional(),
});
export type RevealResponse = z.infer<typeof RevealResponse>;
