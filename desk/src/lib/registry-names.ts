import type {
  AccountStatus,
  BillDelivery,
  ContactChannel,
  CustomerStatus,
  CustomerType,
  IdType,
  Language,
  MatchedField,
  MeterKind,
  MeterStatus,
  PhoneLabel,
  StockMovementKind,
  UserCategory,
} from '@gasdesk/schema';
import { isMessageKey, t } from './i18n.svelte.ts';

/*
 * Names of the registry's closed vocabularies. Each key is built from the schema's enum, so a new
 * value without a translation fails the type check, as for roles and audit actions.
 */
export const customerTypeName = (v: CustomerType): string => t(`customerType.${v}`);
export const customerStatusName = (v: CustomerStatus): string => t(`customerStatus.${v}`);
export const idTypeName = (v: IdType): string => t(`idType.${v}`);
export const phoneLabelName = (v: PhoneLabel): string => t(`phoneLabel.${v}`);
export const channelName = (v: ContactChannel): string => t(`channel.${v}`);
export const languageName = (v: Language): string => t(`language.${v}`);
export const categoryName = (v: UserCategory): string => t(`category.${v}`);
export const billDeliveryName = (v: BillDelivery): string => t(`billDelivery.${v}`);
export const accountStatusName = (v: AccountStatus): string => t(`accountStatus.${v}`);
export const meterKindName = (v: MeterKind): string => t(`meterKind.${v}`);
export const meterStatusName = (v: MeterStatus): string => t(`meterStatus.${v}`);
export const movementName = (v: StockMovementKind): string => t(`movement.${v}`);
export const matchedFieldName = (v: MatchedField): string => t(`matchedField.${v}`);

/** Reading reasons are open-ended (the readings module adds its own); an unknown one shows as is. */
export function readingReasonName(reason: string): string {
  const key = `readingReason.${reason}`;
  return isMessageKey(key) ? t(key) : reason;
}

/** Badge tone of a status: active things green, closed or scrapped red, the rest neutral. */
export function statusTone(status: CustomerStatus | AccountStatus | MeterStatus): '' | 'ok' | 'off' | 'accent' {
  if (status === 'formal' || status === 'active' || status === 'installed') return 'ok';
  if (status === 'closed' || status === 'scrapped') return 'off';
  if (status === 'in_stock') return 'accent';
  return '';
}
