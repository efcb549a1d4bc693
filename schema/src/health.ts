import { z } from 'zod';

export const HealthResponse = z.object({ status: z.literal('ok') });

export const ReadyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() })),
});
export type ReadyResponse = z.infer<typeof ReadyResponse>;
