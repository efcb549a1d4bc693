import { z } from 'zod';
import { Id } from '../common.ts';

/** 用气地址: district → community → building → unit → room, plus free text. */
export const PremiseFields = z.object({
  district: z.string().trim().min(1).max(32),
  community: z.string().trim().min(1).max(64),
  building: z.string().trim().max(16).default(''),
  unit: z.string().trim().max(16).default(''),
  room: z.string().trim().max(16).default(''),
  addressExtra: z.string().trim().max(128).default(''),
  /** Service area code used to dispatch field work. */
  serviceArea: z.string().trim().max(32).default(''),
  /** A landline of the premise, any format. */
  phone: z.string().trim().max(32).nullable().default(null),
});
export const PremiseCreate = PremiseFields;
export type PremiseCreate = z.infer<typeof PremiseCreate>;

export const PremiseView = z.object({
  id: Id,
  companyId: Id,
  district: z.string(),
  community: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  addressExtra: z.string(),
  /** The address as written on a bill: 西湖区 翠苑一区 3幢 2单元 502室. */
  fullAddress: z.string(),
  serviceArea: z.string(),
  phone: z.string().nullable(),
});
export type PremiseView = z.infer<typeof PremiseView>;

export const PremiseList = z.object({ items: z.array(PremiseView) });
export const PremiseQuery = z.object({ q: z.string().trim().min(1).max(64).optional() });
