import { z } from 'zod';
import { Id } from '../common.ts';
import { BusinessDate, RegisterValue } from '../registry/fields.ts';

/**
 * `POST /api/accounts/:id/meter-calibration`: the account's meter is due for periodic verification
 * (周期检定). The three methods of the seed product, each leaving the readings billing needs:
 * - `replacement` (换表检定): the meter's non-periodic reading, a spare meter's initial reading; the
 *   inspected meter goes to calibration and then to stock, not back to this premise;
 * - `switching` (切换表): the same readings with a new meter put in for good;
 * - `estimation` (估算): the same meter is taken away and brought back; the use while it was away is
 *   estimated and flagged, and the register continues from where it stopped.
 */
export const MeterCalibrationVisit = z.discriminatedUnion('method', [
  z.object({
    method: z.enum(['replacement', 'switching']),
    readOn: BusinessDate,
    removalReading: RegisterValue,
    /** The spare (replacement) or new (switching) meter, from stock. */
    newMeterId: Id,
    installReading: RegisterValue,
    /** Where the inspected meter is booked before it leaves for calibration. */
    warehouseId: Id,
    note: z.string().trim().max(200).default(''),
  }),
  z.object({
    method: z.literal('estimation'),
    takenOn: BusinessDate,
    takenReading: RegisterValue,
    returnedOn: BusinessDate,
    note: z.string().trim().max(200).default(''),
  }),
]);
export type MeterCalibrationVisit = z.infer<typeof MeterCalibrationVisit>;
/** What a client sends: the note may be left out. */
export type MeterCalibrationRequest = z.input<typeof MeterCalibrationVisit>;

export const MeterCalibrationDone = z.object({
  method: z.enum(['replacement', 'switching', 'estimation']),
  /** The meter at the premise afterwards. */
  meterId: Id,
  /** For `estimation`: the use estimated for the days the meter was away, and how. */
  estimated: z.object({ volume: z.string(), days: z.number().int(), basis: z.string() }).nullable(),
});
export type MeterCalibrationDone = z.infer<typeof MeterCalibrationDone>;
