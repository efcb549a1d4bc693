import type { ContactChannel, CustomerCreate, CustomerType, IdType, Language, PhoneLabel } from '@gasdesk/schema';
import type { FieldErrors } from '../../lib/form-errors.ts';

/** A phone row as typed: empty strings for what is not filled in. */
export interface PhoneDraft {
  number: string;
  label: PhoneLabel;
  contactName: string;
  relation: string;
}

/** The customer form's state: what the inputs hold, turned into the API's body on submit. */
export interface CustomerDraft {
  type: CustomerType;
  name: string;
  idType: IdType | '';
  idNumber: string;
  phones: PhoneDraft[];
  email: string;
  preferredLanguage: Language;
  preferredChannel: ContactChannel;
  note: string;
}

export const blankPhone = (label: PhoneLabel = 'mobile'): PhoneDraft => ({ number: '', label, contactName: '', relation: '' });

export function blankCustomer(): CustomerDraft {
  return {
    type: 'residential',
    name: '',
    idType: 'resident_id',
    idNumber: '',
    phones: [blankPhone()],
    email: '',
    preferredLanguage: 'zh-CN',
    preferredChannel: 'sms',
    note: '',
  };
}

const orNull = (s: string): string | null => s.trim() || null;

const isBlank = (p: PhoneDraft): boolean => !p.number.trim() && !p.contactName.trim() && !p.relation.trim();

/** Rows left blank are not sent; the rows on screen stay as they are. */
export function phonesOf(draft: CustomerDraft): CustomerCreate['phones'] {
  return draft.phones
    .filter((p) => !isBlank(p))
    .map((p) => ({ number: p.number.trim(), label: p.label, contactName: orNull(p.contactName), relation: orNull(p.relation) }));
}

/**
 * The server numbers phones as sent, without the blank rows: `phones.1.number` may be the third
 * row on screen. Renumbers the errors' phone paths to the rows on screen.
 */
export function onScreenPhoneErrors(errors: FieldErrors, draft: CustomerDraft, prefix = ''): FieldErrors {
  const rowOf = draft.phones.flatMap((p, i) => (isBlank(p) ? [] : [i]));
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = path.startsWith(`${prefix}phones.`) ? /^phones\.(\d+)\.(.+)$/.exec(path.slice(prefix.length)) : null;
    out[m ? `${prefix}phones.${rowOf[Number(m[1])] ?? m[1]}.${m[2]}` : path] = message;
  }
  return out;
}

export function toCustomerCreate(draft: CustomerDraft): CustomerCreate {
  const idNumber = orNull(draft.idNumber);
  return {
    type: draft.type,
    name: draft.name.trim(),
    idType: idNumber ? draft.idType || null : null,
    idNumber,
    phones: phonesOf(draft),
    email: orNull(draft.email),
    preferredLanguage: draft.preferredLanguage,
    preferredChannel: draft.preferredChannel,
    note: orNull(draft.note),
  };
}

/** The field paths the form shows, for placing the server's issues beside them. */
export function customerFieldPaths(draft: CustomerDraft, prefix = ''): string[] {
  const fields = ['type', 'name', 'idType', 'idNumber', 'phones', 'email', 'preferredLanguage', 'preferredChannel', 'note'];
  draft.phones.forEach((_, i) => fields.push(...['number', 'label', 'contactName', 'relation'].map((f) => `phones.${i}.${f}`)));
  return fields.map((f) => prefix + f);
}
