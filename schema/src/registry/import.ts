import { z } from 'zod';
import type { BillDelivery, CustomerType, IdType, MeterKind, UserCategory } from './enums.ts';

/**
 * 批量导入: the contract of the CSV file a utility migrating from a legacy system sends to
 * `POST /api/registry/imports`. One row per account; the columns are named as legacy exports name
 * them (Chinese), or by their English alias, in any order. Every column must be present in the
 * header (an empty column is fine); a column the contract does not name is refused, so that a
 * misspelt header never drops data silently.
 *
 * What a row is depends on which cells are filled:
 * - customer and account cells: a customer with an account (and its meter when 表号 is filled);
 * - customer cells only: a customer without an account (a potential customer);
 * - meter cells only: a meter in stock in the warehouse named by 表库.
 */
export interface ImportColumn {
  /** The identifier the backend and the desk use. */
  key: string;
  /** The header as Chinese legacy exports write it. */
  header: string;
  /** The English header also accepted (compared ignoring case, spaces, `_` and `-`). */
  alias: string;
  /** The part of the registry the cell belongs to; it decides what kind of row a row is. */
  group: 'customer' | 'account' | 'meter';
}

export const IMPORT_COLUMNS = [
  /** 客户编号: the legacy customer number, kept as `customerNo`; a new number is given when empty. */
  { key: 'customerNo', header: '客户编号', alias: 'customer_no', group: 'customer' },
  { key: 'customerName', header: '客户名称', alias: 'customer_name', group: 'customer' },
  /** 居民 / 商业 / 工业 / 公益. */
  { key: 'customerType', header: '客户类型', alias: 'customer_type', group: 'customer' },
  /** 身份证 / 护照 / 营业执照 / 其他; required when 证件号码 is filled. */
  { key: 'idType', header: '证件类型', alias: 'id_type', group: 'customer' },
  /** A resident ID is checked (length and check digit). */
  { key: 'idNumber', header: '证件号码', alias: 'id_number', group: 'customer' },
  /** One or more mobiles separated by `/`, `;` or `、`; stored as E.164. */
  { key: 'mobile', header: '手机', alias: 'mobile', group: 'customer' },
  /** The customer's landline(s); a local number gets the company's area code. */
  { key: 'phone', header: '电话', alias: 'phone', group: 'customer' },
  { key: 'contactName', header: '联系人', alias: 'contact_name', group: 'customer' },
  /** The contact person's phone(s); needs 联系人. */
  { key: 'contactPhone', header: '联系人电话', alias: 'contact_phone', group: 'customer' },
  /** 户号: the account number, kept; a new number in the company's format is given when empty. */
  { key: 'accountNo', header: '户号', alias: 'account_no', group: 'account' },
  { key: 'district', header: '区', alias: 'district', group: 'account' },
  { key: 'community', header: '小区', alias: 'community', group: 'account' },
  { key: 'building', header: '楼栋', alias: 'building', group: 'account' },
  { key: 'unit', header: '单元', alias: 'unit', group: 'account' },
  { key: 'room', header: '室', alias: 'room', group: 'account' },
  { key: 'addressExtra', header: '地址补充', alias: 'address_extra', group: 'account' },
  { key: 'serviceArea', header: '服务区域', alias: 'service_area', group: 'account' },
  /** 居民一般 / 壁挂炉采暖 / 农村采暖 / 商业 / 工业 / 公益. */
  { key: 'category', header: '用气类别', alias: 'category', group: 'account' },
  /** 户籍人口: registered household size, 1–30; 3 when empty. */
  { key: 'householdSize', header: '户籍人口', alias: 'household_size', group: 'account' },
  { key: 'readingBook', header: '抄表本', alias: 'reading_book', group: 'account' },
  /** 纸质 / 户外通知 / 短信 / 邮件 / 网上; 短信 when empty. */
  { key: 'billDelivery', header: '账单投递', alias: 'bill_delivery', group: 'account' },
  /** The day the account opened; also the day its meter was installed. */
  { key: 'openedOn', header: '开户日期', alias: 'opened_on', group: 'account' },
  { key: 'meterSerial', header: '表号', alias: 'meter_serial', group: 'meter' },
  /** 普通表 / IC卡表 / 远传表. */
  { key: 'meterKind', header: '表类型', alias: 'meter_kind', group: 'meter' },
  { key: 'maker', header: '厂家', alias: 'maker', group: 'meter' },
  { key: 'model', header: '型号', alias: 'model', group: 'meter' },
  /** Integer digits of the register, 4–9; 5 when empty. */
  { key: 'registerDigits', header: '表位数', alias: 'register_digits', group: 'meter' },
  /** m³/h. */
  { key: 'maxFlow', header: '最大流量', alias: 'max_flow', group: 'meter' },
  /** 是 / 否; 否 when empty. */
  { key: 'hasCorrector', header: '带修正仪', alias: 'has_corrector', group: 'meter' },
  /** The register value when the meter was installed (m³); empty for a meter in stock. */
  { key: 'installReading', header: '安装读数', alias: 'install_reading', group: 'meter' },
  /** Required for an IC-card meter, refused for the others. */
  { key: 'icCardNo', header: 'IC卡号', alias: 'ic_card_no', group: 'meter' },
  /** The card system's maker; the meter's 厂家 when empty. */
  { key: 'icCardMaker', header: 'IC卡厂家', alias: 'ic_card_maker', group: 'meter' },
  { key: 'nextVerificationDue', header: '下次检定日期', alias: 'next_verification_due', group: 'meter' },
  /** The code of an existing warehouse: where a stock meter is, or where an installed one was received before it was issued. */
  { key: 'warehouse', header: '表库', alias: 'warehouse', group: 'meter' },
] as const satisfies readonly ImportColumn[];

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

/**
 * The Chinese labels legacy exports write for the registry's closed vocabularies. The English
 * identifiers themselves are accepted too.
 */
export const IMPORT_LABELS = {
  customerType: { 居民: 'residential', 商业: 'commercial', 工业: 'industrial', 公益: 'public_welfare' },
  idType: { 身份证: 'resident_id', 居民身份证: 'resident_id', 护照: 'passport', 营业执照: 'business_license', 统一社会信用代码: 'business_license', 其他: 'other' },
  category: { 居民一般: 'residential_general', 壁挂炉采暖: 'wall_boiler_heating', 农村采暖: 'rural_heating', 商业: 'commercial', 工业: 'industrial', 公益: 'public_welfare' },
  billDelivery: { 纸质: 'paper', 户外通知: 'outdoor_notice', 短信: 'sms', 邮件: 'email', 网上: 'web' },
  meterKind: { 普通表: 'conventional', IC卡表: 'ic_card', 远传表: 'remote' },
} as const satisfies {
  customerType: Record<string, CustomerType>;
  idType: Record<string, IdType>;
  category: Record<string, UserCategory>;
  billDelivery: Record<string, BillDelivery>;
  meterKind: Record<string, MeterKind>;
};

/** `all`: nothing is written when any row is invalid. `valid`: the valid rows are written, the others reported. */
export const ImportMode = z.enum(['all', 'valid']);
export type ImportMode = z.infer<typeof ImportMode>;

export const ImportQuery = z.object({
  mode: ImportMode.default('all').describe('all: nothing is written when a row is invalid; valid: the valid rows are written'),
  /** Validate and report what would be created, writing nothing. */
  dryRun: z.stringbool().default(false).describe('true: validate and report what would be created, writing nothing'),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

/** How the file's bytes were read: UTF-8 (with or without a byte-order mark) or GB18030, which covers GBK. */
export const ImportEncoding = z.enum(['utf-8', 'utf-8-bom', 'gb18030']);
export type ImportEncoding = z.infer<typeof ImportEncoding>;

export const ImportProblem = z.object({
  /** The 1-based line of the file the row starts on; the header is line 1. */
  row: z.number().int(),
  /** The column header as the file writes it; empty when the problem is the whole line. */
  field: z.string(),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportCounts = z.object({
  customers: z.number().int(),
  premises: z.number().int(),
  accounts: z.number().int(),
  meters: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

/**
 * What an import did or would do. A refused import (422) carries the same report, so the desk
 * shows one thing whatever happened.
 */
export const ImportReport = z.object({
  /** `imported`: written. `dry_run`: nothing written on purpose. `refused`: nothing written because of the problems. */
  outcome: z.enum(['imported', 'dry_run', 'refused']),
  mode: ImportMode,
  /** Null when the file is neither UTF-8 nor GB18030. */
  encoding: ImportEncoding.nullable(),
  /** Data rows read (blank lines are not rows). */
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Created by the valid rows; for a dry run or a refused import, what they would create. */
  created: ImportCounts,
  /** Valid rows that matched registered data exactly and so change nothing. */
  unchanged: z.number().int(),
  /** By row, then in column order. */
  problems: z.array(ImportProblem),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** The sample file (a dozen rows showing every kind of row), for the desk to offer for download. */
export const ImportSample = z.object({ fileName: z.string(), csv: z.string() });
export type ImportSample = z.infer<typeof ImportSample>;
