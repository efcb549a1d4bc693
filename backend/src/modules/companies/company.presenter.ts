import type { CompanyView } from '@gasdesk/schema';
import type { Company } from './company.model.ts';

export function presentCompany(company: Company): CompanyView {
  return {
    id: company.id,
    code: company.code,
    name: company.name,
    shortName: company.shortName,
    timeZone: company.timeZone,
    halls: (company.halls ?? [])
      .slice()
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((h) => ({ id: h.id, companyId: h.companyId, code: h.code, name: h.name, address: h.address, phone: h.phone })),
  };
}
