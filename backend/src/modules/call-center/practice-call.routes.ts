import { PracticeCallAvailability, PracticeCallBody, PracticeCallPlaced } from '@gasdesk/schema';
import { defineRoute } from '../../http/route.ts';
import type { PracticeCallService } from './practice-call.service.ts';

export function practiceCallRoutes(practice: PracticeCallService) {
  return [
    defineRoute({
      method: 'get',
      path: '/cti/practice-calls',
      summary: 'Whether practice calls can be placed: only when this installation plays its own PBX (no Asterisk connected)',
      tag: 'call center',
      access: { permission: 'calls:handle' },
      response: PracticeCallAvailability,
      handler: () => practice.availability(),
    }),
    defineRoute({
      method: 'post',
      path: '/cti/practice-calls',
      summary: 'Ring one’s own phone with a call from a chosen number on the simulated PBX; the screen-pop follows as for any call',
      tag: 'call center',
      access: { permission: 'calls:handle' },
      body: PracticeCallBody,
      response: PracticeCallPlaced,
      status: 202,
      handler: ({ body }) => practice.place(body),
    }),
  ];
}
