import type { AccountOpen, PremiseCreate } from '@gasdesk/schema';

/** Where an account is opened: one of the premises on file, or a new address typed in. */
export type PremiseChoice = { mode: 'existing'; premiseId: number | null } | { mode: 'new'; fields: PremiseCreate };

export function blankPremise(): PremiseCreate {
  return { district: '', community: '', building: '', unit: '', room: '', addressExtra: '', serviceArea: '', phone: null };
}

export const PREMISE_FIELDS = ['district', 'community', 'building', 'unit', 'room', 'addressExtra', 'serviceArea', 'phone'] as const;

export function premiseOf(choice: PremiseChoice): AccountOpen['premise'] {
  if (choice.mode === 'existing') return { premiseId: choice.premiseId ?? 0 };
  const f = choice.fields;
  return {
    district: f.district.trim(),
    community: f.community.trim(),
    building: f.building.trim(),
    unit: f.unit.trim(),
    room: f.room.trim(),
    addressExtra: f.addressExtra.trim(),
    serviceArea: f.serviceArea.trim(),
    phone: f.phone?.trim() || null,
  };
}

/** The field paths of the premise part of a form, for placing the server's issues. */
export function premiseFieldPaths(prefix = 'premise'): string[] {
  return [prefix, `${prefix}.premiseId`, ...PREMISE_FIELDS.map((f) => `${prefix}.${f}`)];
}
