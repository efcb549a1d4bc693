import { normalizePhone, type PhoneOptions } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';

export interface PhoneDefaults {
  defaultCountryCode: string;
  defaultAreaCode: string;
}

/** The options normalizePhone takes for a company; a company without an area code completes no local numbers. */
export function phoneOptionsOf(defaults: PhoneDefaults): PhoneOptions {
  return { defaultCountryCode: defaults.defaultCountryCode, ...(defaults.defaultAreaCode && { defaultAreaCode: defaults.defaultAreaCode }) };
}

/** The E.164 form of a typed number, or a 422 naming the field. */
export function e164Of(input: string, defaults: PhoneDefaults, field: string): string {
  const normalized = normalizePhone(input, phoneOptionsOf(defaults));
  if (!normalized) throw AppError.invalid(field, `"${input}" is not a phone number`);
  return normalized.e164;
}
