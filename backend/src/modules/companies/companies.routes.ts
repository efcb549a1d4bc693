import { CompanyList } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { CompanyService } from './company.service.ts';

export function companyRoutes(companies: CompanyService) {
  return [
    defineRoute({
      method: 'get',
      path: '/companies',
      summary: 'The caller\'s company with its business halls (every company for city-wide staff)',
      tag: 'companies',
      access: { permission: 'company:read' },
      response: CompanyList,
      handler: async () => ({ items: await companies.list() }),
    }),
  ];
}
