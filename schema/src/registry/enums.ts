import { z } from 'zod';

/** 客户类型 */
export const CustomerType = z.enum(['residential', 'commercial', 'industrial', 'public_welfare']);
export type CustomerType = z.infer<typeof CustomerType>;

/** 客户状态: 潜在 → 正式 → 销户 */
export const CustomerStatus = z.enum(['potential', 'formal', 'closed']);
export type CustomerStatus = z.infer<typeof CustomerStatus>;

/** 证件类型 */
export const IdType = z.enum(['resident_id', 'passport', 'business_license', 'other']);
export type IdType = z.infer<typeof IdType>;

export const PhoneLabel = z.enum(['mobile', 'home', 'work', 'other']);
export type PhoneLabel = z.infer<typeof PhoneLabel>;

export const ContactChannel = z.enum(['sms', 'phone', 'email', 'wechat', 'mail']);
export type ContactChannel = z.infer<typeof ContactChannel>;

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

/** 用气类别: decides the tariff and the tier ladder. */
export const UserCategory = z.enum([
  'residential_general',
  'wall_boiler_heating',
  'rural_heating',
  'commercial',
  'industrial',
  'public_welfare',
]);
export type UserCategory = z.infer<typeof UserCategory>;

/** 账单投递方式 */
export const BillDelivery = z.enum(['paper', 'outdoor_notice', 'sms', 'email', 'web']);
export type BillDelivery = z.infer<typeof BillDelivery>;

export const AccountStatus = z.enum(['active', 'closed']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** 表具类型: 普通表 / IC卡表 / 远传表 */
export const MeterKind = z.enum(['conventional', 'ic_card', 'remote']);
export type MeterKind = z.infer<typeof MeterKind>;

/** 表具状态: in stock → installed → removed → in calibration → scrapped (and back to stock). */
export const MeterStatus = z.enum(['in_stock', 'installed', 'removed', 'in_calibration', 'scrapped']);
export type MeterStatus = z.infer<typeof MeterStatus>;

/** 库存变动: each one moves a meter between a warehouse and somewhere else. */
export const StockMovementKind = z.enum(['received', 'issued', 'returned', 'sent_to_calibration', 'back_from_calibration', 'scrapped']);
export type StockMovementKind = z.infer<typeof StockMovementKind>;

/** Why a register value was recorded by the registry (the readings module adds regular reads). */
export const RegistryReadingReason = z.enum(['install', 'removal', 'transfer', 'close']);
export type RegistryReadingReason = z.infer<typeof RegistryReadingReason>;
