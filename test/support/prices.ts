import type { Pricing } from '@gasdesk/schema';

type Ladder = Extract<Pricing, { model: 'tiered' }>;

/** Hangzhou's residential ladder: 276 / 480 m³ a calendar year at 3.10 / 3.72 / 4.65 元, +60 m³ a bound per person above 4. */
export const HANGZHOU_LADDER: Ladder = {
  model: 'tiered',
  tiers: [
    { upTo: '276', unitPrice: '3.10' },
    { upTo: '480', unitPrice: '3.72' },
    { upTo: null, unitPrice: '4.65' },
  ],
  cycle: { anchor: 'calendar' },
  householdIncrement: { baseSize: 4, perPerson: '60' },
  partialCycle: 'months',
};

/** The same ladder after a notice raising every tier: 3.30 / 3.96 / 4.95 元. */
export const HANGZHOU_RAISED: Ladder = { ...HANGZHOU_LADDER, tiers: [{ upTo: '276', unitPrice: '3.30' }, { upTo: '480', unitPrice: '3.96' }, { upTo: null, unitPrice: '4.95' }] };
