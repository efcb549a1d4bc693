import { z } from 'zod';

/** Database ids travel as positive integers. */
export const Id = z.coerce.number().int().positive();
export const IdParams = z.object({ id: Id });

/** An ISO-8601 UTC timestamp as sent over the wire. */
export const Timestamp = z.string().describe('ISO-8601 UTC timestamp');

/** Cursor-free paging for lists: `limit` (1–200, default 50) and `offset`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
