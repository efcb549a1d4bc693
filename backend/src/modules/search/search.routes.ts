import { Customer360, IdParams, PhoneLookupParams, PhoneMatches, SearchQuery, SearchResult } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { Customer360Service } from './customer-360.service.ts';
import type { SearchService } from './search.service.ts';

/** Listed before the customer routes, and by-phone before `/customers/:id/360`, so no `:id` route can take `by-phone` for an id. */
export function searchRoutes(search: SearchService, overview: Customer360Service) {
  return [
    defineRoute({
      method: 'get',
      path: '/search',
      summary: 'Find customers by phone (any writing), name, account, customer, meter, IC card or ID number, or address fragment; ranked, personal data masked',
      tag: 'search',
      access: { permission: 'customers:read' },
      query: SearchQuery,
      response: SearchResult,
      handler: ({ query }) => search.search(query),
    }),
    defineRoute({
      method: 'get',
      path: '/customers/by-phone/:number',
      summary: 'Screen-pop lookup: every account whose holder, contact person or premise has this number, active first; several are a choice',
      tag: 'search',
      access: { permission: 'customers:read' },
      params: PhoneLookupParams,
      response: PhoneMatches,
      handler: ({ params }) => search.byPhone(params.number),
    }),
    defineRoute({
      method: 'get',
      path: '/customers/:id/360',
      summary: 'Customer 360: the customer with all their accounts, premises, meters and last readings',
      tag: 'customers',
      access: { permission: 'customers:read' },
      params: IdParams,
      response: Customer360,
      handler: ({ params }) => overview.get(params.id),
    }),
  ];
}
