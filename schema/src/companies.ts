import { z } from 'zod';
import { Id } from './common.ts';

export const BusinessHallView = z.object({
  id: Id,
  companyId: Id,
  code: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
});
export type BusinessHallView = z.infer<typeof BusinessHallView>;

export const CompanyView = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  timeZone: z.string(),
  halls: z.array(BusinessHallView),
});
export type CompanyView = z.infer<typeof CompanyView>;

export const CompanyList = z.object({ items: z.array(CompanyView) });
export type CompanyList = z.infer<typeof CompanyList>;
