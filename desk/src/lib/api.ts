import {
  ErrorBody,
  type AccountClose,
  type MeterCalibrationDone,
  type MeterCalibrationRequest,
  type CallDay,
  type CallDayQuery,
  type PracticeCallAvailability,
  type PracticeCallPlaced,
  type PracticeCallRequest,
  type AccountDetail,
  type AccountOpen,
  type AccountPatch,
  type AccountTransfer,
  type AccountView,
  type Customer360,
  type CustomerCreate,
  type CustomerPatch,
  type CustomerView,
  type MeterCalibration,
  type MeterHistory,
  type MeterInstall,
  type MeterList,
  type MeterListQuery,
  type MeterReplacement,
  type MeterView,
  type PhoneMatches,
  type PremiseView,
  type RevealRequest,
  type RevealResponse,
  type SearchResult,
  type StockLevels,
  type StockReceipt,
  type WarehouseCreate,
  type WarehouseView,
  type AgentStateCommand,
  type CallCustomerBody,
  type CallList,
  type CallListQuery,
  type CallView,
  type CompanyWallboard,
  type CtiCommandAccepted,
  type DialBody,
  type TransferBody,
  type WrapUpBody,
  type AuditAction,
  type AuditList,
  type AuditVerifyResult,
  type CompanyList,
  type ErrorCode,
  type FieldIssue,
  type ImportMode,
  type ImportReport,
  type ImportSample,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  type Role,
  type UserCreate,
  type UserList,
  type UserPatch,
  type UserView,
  type HhuEncoding,
  type HhuFile,
  type HhuImportReport,
  type MeterReadingHistory,
  type MeterReadingView,
  type ReaderStats,
  type ReadingBookCreate,
  type ReadingBookList,
  type ReadingBookListQuery,
  type ReadingBookView,
  type ReadingCycleClosed,
  type ReadingCycleView,
  type ReadingEntries,
  type ReadingEntriesResult,
  type ReadingExceptionList,
  type ReadingExceptionQuery,
  type ReadingResolve,
  type AccountFlag,
  type AccountLedger,
  type BillAccountResult,
  type BillingRunCreate,
  type BillingRunList,
  type BillingRunView,
  type BillingSettings,
  type BillList,
  type BillView,
  type ContractInput,
  type ContractList,
  type ContractPatch,
  type ContractView,
  type DiscountRuleInput,
  type DiscountRuleList,
  type DiscountRulePatch,
  type DiscountRuleView,
  type PriceVersionInput,
  type RebillResult,
  type SkipReason,
  type TariffCreate,
  type TariffList,
  type TariffListQuery,
  type TariffPreview,
  type TariffUpdate,
  type TariffView,
} from '@gasdesk/schema';

/** Server codes plus the two failures only the client can see. */
export type ApiErrorCode = ErrorCode | 'network' | 'bad_response';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** Seconds from `Retry-After` on a 429, so the login page can say how long to wait. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The session registers itself here instead of being imported, which keeps api.ts free of an
 * import cycle (the session itself calls the API).
 */
interface AuthHooks {
  token(): string | null;
  /** A call made with a token was answered 401: the token is dead everywhere. */
  unauthenticated(): void;
}
let auth: AuthHooks = { token: () => null, unauthenticated: () => {} };
export function bindAuth(hooks: AuthHooks): void {
  auth = hooks;
}

type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  /**
   * Use this token instead of the session's, and let a 401 pass without ending the session: login
   * answers 401 for a wrong password, and logout may find its token already revoked.
   */
  token?: string | null;
  /** A body sent as it is (a file's bytes) with its media type, instead of JSON. */
  raw?: { type: string; data: Uint8Array<ArrayBuffer> };
  /** Error statuses whose body is the answer (an import refused with its report), not an error body. */
  answerStatuses?: number[];
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorFrom(res: Response, body?: unknown): Promise<ApiError> {
  const retry = Number(res.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null;
  let parsed: ReturnType<typeof ErrorBody.safeParse> | null = null;
  try {
    parsed = ErrorBody.safeParse(body === undefined ? await res.json() : body);
  } catch {
    // Not JSON (a proxy's HTML error page): fall through to a code derived from the status.
  }
  if (parsed?.success) {
    const { code, message, issues } = parsed.data.error;
    return new ApiError(res.status, code, message, issues ?? [], retryAfter);
  }
  const code: ApiErrorCode = res.status === 401 ? 'unauthenticated' : res.status >= 500 ? 'unavailable' : 'bad_response';
  return new ApiError(res.status, code, res.statusText || `HTTP ${res.status}`, [], retryAfter);
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const ownToken = opts.token !== undefined;
  const token = ownToken ? opts.token : auth.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.raw) headers['Content-Type'] = opts.raw.type;

  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.raw ? opts.raw.data : opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }

  if (!res.ok && opts.answerStatuses?.includes(res.status)) {
    // The answer itself, unless the server sent its usual error body after all (a bad query).
    const body: unknown = await res.json().catch(() => null);
    if (body !== null && !ErrorBody.safeParse(body).success) return body as T;
    throw await errorFrom(res, body);
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401 && token && !ownToken) auth.unauthenticated();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, 'bad_response', 'response is not JSON');
  }
}

export interface UserListParams {
  q?: string;
  role?: Role | '';
  limit: number;
  offset: number;
}

export interface AuditListParams {
  action?: AuditAction | '';
  actorUserId?: number | null;
  limit: number;
  offset: number;
}

/** Filters of `GET /meters`; the page sends only those it sets. */
export type MeterListParams = Partial<Omit<MeterListQuery, 'limit' | 'offset'>> & { limit: number; offset: number };

/** Filters of `GET /api/calls`; the caller sends only those it sets. */
export type CallListParams = Partial<Omit<CallListQuery, 'limit' | 'offset'>> & { limit: number; offset: number };

/** Filters of `GET /api/reading-books`; the page sends only those it sets. */
export type ReadingBookListParams = Partial<Omit<ReadingBookListQuery, 'limit' | 'offset'>> & { limit: number; offset: number };

/** Filters of `GET /api/readings/exceptions`; the page sends only those it sets. */
export type ReadingExceptionParams = Partial<Omit<ReadingExceptionQuery, 'limit' | 'offset'>> & { limit: number; offset: number };

/** The accounts a billing run skipped (`GET /api/billing-runs/:id/skipped`). */
export interface BillingRunSkipList {
  items: { accountId: number; accountNo: string; reason: SkipReason }[];
}

/** One function per endpoint, typed with the shared contracts. */
export const api = {
  login: (body: LoginRequest) => request<LoginResponse>('/api/auth/login', { method: 'POST', body, token: null }),
  logout: (token: string) => request<void>('/api/auth/logout', { method: 'POST', token }),
  me: () => request<MeResponse>('/api/auth/me'),
  companies: () => request<CompanyList>('/api/companies'),
  users: (params: UserListParams) => request<UserList>('/api/users', { query: { ...params } }),
  createUser: (body: UserCreate) => request<UserView>('/api/users', { method: 'POST', body }),
  updateUser: (id: number, body: UserPatch) => request<UserView>(`/api/users/${id}`, { method: 'PATCH', body }),
  audit: (params: AuditListParams) => request<AuditList>('/api/audit', { query: { ...params } }),
  verifyAudit: () => request<AuditVerifyResult>('/api/audit/verify'),

  // Customer registry: search, customers, accounts, premises.
  search: (q: string, limit = 20) => request<SearchResult>('/api/search', { query: { q, limit } }),
  customersByPhone: (number: string) => request<PhoneMatches>(`/api/customers/by-phone/${encodeURIComponent(number)}`),
  customer360: (id: number) => request<Customer360>(`/api/customers/${id}/360`),
  createCustomer: (body: CustomerCreate) => request<CustomerView>('/api/customers', { method: 'POST', body }),
  updateCustomer: (id: number, body: CustomerPatch) => request<CustomerView>(`/api/customers/${id}`, { method: 'PATCH', body }),
  revealCustomer: (id: number, body: RevealRequest) => request<RevealResponse>(`/api/customers/${id}/reveal`, { method: 'POST', body }),
  openAccount: (customerId: number, body: AccountOpen) => request<AccountDetail>(`/api/customers/${customerId}/accounts`, { method: 'POST', body }),
  accounts: (customerId: number) => request<{ items: AccountView[]; total: number }>('/api/accounts', { query: { customerId, limit: 200 } }),
  account: (id: number) => request<AccountDetail>(`/api/accounts/${id}`),
  updateAccount: (id: number, body: AccountPatch) => request<AccountDetail>(`/api/accounts/${id}`, { method: 'PATCH', body }),
  transferAccount: (id: number, body: AccountTransfer) => request<AccountDetail>(`/api/accounts/${id}/transfer`, { method: 'POST', body }),
  closeAccount: (id: number, body: AccountClose) => request<AccountDetail>(`/api/accounts/${id}/close`, { method: 'POST', body }),
  installMeter: (accountId: number, body: MeterInstall) => request<MeterView>(`/api/accounts/${accountId}/meters`, { method: 'POST', body }),
  replaceMeter: (accountId: number, body: MeterReplacement) =>
    request<MeterView>(`/api/accounts/${accountId}/meter-replacement`, { method: 'POST', body }),
  premises: (q: string) => request<{ items: PremiseView[] }>('/api/premises', { query: { q } }),

  // Meters and stock.
  meters: (params: MeterListParams) => request<MeterList>('/api/meters', { query: { ...params } }),
  meter: (id: number) => request<MeterView>(`/api/meters/${id}`),
  verifyMeter: (accountId: number, body: MeterCalibrationRequest) => request<MeterCalibrationDone>(`/api/accounts/${accountId}/meter-calibration`, { method: 'POST', body }),
  meterHistory: (id: number) => request<MeterHistory>(`/api/meters/${id}/history`),
  calibrateMeter: (id: number, body: MeterCalibration) => request<MeterView>(`/api/meters/${id}/calibration`, { method: 'POST', body }),
  scrapMeter: (id: number, note: string) => request<MeterView>(`/api/meters/${id}/scrap`, { method: 'POST', body: { note } }),
  warehouses: () => request<{ items: WarehouseView[] }>('/api/warehouses'),
  createWarehouse: (body: WarehouseCreate) => request<WarehouseView>('/api/warehouses', { method: 'POST', body }),
  receiveMeters: (body: StockReceipt) => request<{ items: MeterView[] }>('/api/stock/receipts', { method: 'POST', body }),
  stockLevels: () => request<StockLevels>('/api/stock/levels'),

  // Bulk import: the file's bytes as they are, so the server can tell UTF-8 from GBK. A refused
  // import answers 422 with the same report.
  importRegistry: (file: Uint8Array<ArrayBuffer>, mode: ImportMode, dryRun: boolean) =>
    request<ImportReport>('/api/registry/imports', {
      method: 'POST',
      query: { mode, dryRun: String(dryRun) },
      raw: { type: 'text/csv', data: file },
      answerStatuses: [422],
    }),
  importSample: () => request<ImportSample>('/api/registry/imports/sample'),

  // Call center: the call log and wrap-up, and commands the backend hands to the cti. A command's
  // answer only says it was accepted; what happened arrives as socket events.
  calls: (params: CallListParams) => request<CallList>('/api/calls', { query: { ...params } }),
  call: (id: number) => request<CallView>(`/api/calls/${id}`),
  wrapUpCall: (id: number, body: WrapUpBody) => request<CallView>(`/api/calls/${id}/wrap-up`, { method: 'POST', body }),
  chooseCallCustomer: (id: number, body: CallCustomerBody) => request<CallView>(`/api/calls/${id}/customer`, { method: 'POST', body }),
  setAgentState: (body: AgentStateCommand) => request<CtiCommandAccepted>('/api/cti/agent-state', { method: 'POST', body }),
  dial: (body: DialBody) => request<CtiCommandAccepted>('/api/cti/dial', { method: 'POST', body }),
  hangup: (callId: string) => request<CtiCommandAccepted>('/api/cti/hangup', { method: 'POST', body: { callId } }),
  transfer: (body: TransferBody) => request<CtiCommandAccepted>('/api/cti/transfer', { method: 'POST', body }),
  wallboard: () => request<CompanyWallboard>('/api/cti/wallboard'),
  callDay: (query: CallDayQuery) => request<CallDay>('/api/cti/wallboard/day', { query: { ...query } }),
  practiceCallAvailability: () => request<PracticeCallAvailability>('/api/cti/practice-calls'),
  placePracticeCall: (body: PracticeCallRequest) => request<PracticeCallPlaced>('/api/cti/practice-calls', { method: 'POST', body }),

  // Meter reading: books, their monthly cycles and entry, handheld files, the exception queue and
  // the figures. A handheld file travels as base64 one way and as its own bytes the other, so a
  // GBK file arrives unchanged.
  readingBooks: (params: ReadingBookListParams) => request<ReadingBookList>('/api/reading-books', { query: { ...params } }),
  createReadingBook: (body: ReadingBookCreate) => request<ReadingBookView>('/api/reading-books', { method: 'POST', body }),
  openReadingCycle: (bookId: number, period: string) => request<ReadingCycleView>(`/api/reading-books/${bookId}/cycles`, { method: 'POST', body: { period } }),
  readingCycle: (id: number) => request<ReadingCycleView>(`/api/reading-cycles/${id}`),
  enterReadings: (cycleId: number, body: ReadingEntries) => request<ReadingEntriesResult>(`/api/reading-cycles/${cycleId}/readings`, { method: 'POST', body }),
  closeReadingCycle: (id: number) => request<ReadingCycleClosed>(`/api/reading-cycles/${id}/close`, { method: 'POST' }),
  exportHhuFile: (cycleId: number, encoding: HhuEncoding) => request<HhuFile>(`/api/reading-cycles/${cycleId}/hhu-file`, { query: { encoding } }),
  importHhuFile: (cycleId: number, fileName: string, file: Uint8Array<ArrayBuffer>) =>
    request<HhuImportReport>(`/api/reading-cycles/${cycleId}/hhu-file`, { method: 'POST', query: { fileName }, raw: { type: 'text/csv', data: file } }),
  readingExceptions: (params: ReadingExceptionParams) => request<ReadingExceptionList>('/api/readings/exceptions', { query: { ...params } }),
  resolveReading: (id: number, body: ReadingResolve) => request<MeterReadingView>(`/api/readings/${id}/resolve`, { method: 'POST', body }),
  meterReadings: (meterId: number) => request<MeterReadingHistory>(`/api/meters/${meterId}/readings`),
  readerStats: (period: string) => request<ReaderStats>('/api/readings/reader-stats', { query: { period } }),

  // Prices: tariffs and their versions, a draft version previewed on an account's last bill,
  // discount rules, the company's billing settings and the account flags discounts ask for.
  tariffs: (query: Partial<TariffListQuery> = {}) => request<TariffList>('/api/tariffs', { query: { ...query } }),
  tariff: (id: number) => request<TariffView>(`/api/tariffs/${id}`),
  createTariff: (body: TariffCreate) => request<TariffView>('/api/tariffs', { method: 'POST', body }),
  updateTariff: (id: number, body: TariffUpdate) => request<TariffView>(`/api/tariffs/${id}`, { method: 'PATCH', body }),
  addPriceVersion: (tariffId: number, body: PriceVersionInput) => request<TariffView>(`/api/tariffs/${tariffId}/versions`, { method: 'POST', body }),
  deletePriceVersion: (tariffId: number, versionId: number) => request<TariffView>(`/api/tariffs/${tariffId}/versions/${versionId}`, { method: 'DELETE' }),
  previewTariff: (tariffId: number, accountId: number, version: PriceVersionInput) =>
    request<TariffPreview>(`/api/tariffs/${tariffId}/preview`, { method: 'POST', body: { accountId, version } }),
  discountRules: () => request<DiscountRuleList>('/api/discount-rules'),
  createDiscountRule: (body: DiscountRuleInput) => request<DiscountRuleView>('/api/discount-rules', { method: 'POST', body }),
  updateDiscountRule: (id: number, body: DiscountRulePatch) => request<DiscountRuleView>(`/api/discount-rules/${id}`, { method: 'PATCH', body }),
  billingSettings: () => request<BillingSettings>('/api/billing/settings'),
  saveBillingSettings: (body: BillingSettings) => request<BillingSettings>('/api/billing/settings', { method: 'PUT', body }),
  setAccountFlags: (accountId: number, flags: AccountFlag[]) => request<{ flags: AccountFlag[] }>(`/api/accounts/${accountId}/flags`, { method: 'PUT', body: { flags } }),
  // Contracts of commercial, industrial and public-welfare accounts: their terms and negotiated prices.
  accountContracts: (accountId: number) => request<ContractList>(`/api/accounts/${accountId}/contracts`),
  createContract: (body: ContractInput) => request<ContractView>('/api/contracts', { method: 'POST', body }),
  updateContract: (id: number, body: ContractPatch) => request<ContractView>(`/api/contracts/${id}`, { method: 'PATCH', body }),
  addContractVersion: (contractId: number, body: PriceVersionInput) => request<ContractView>(`/api/contracts/${contractId}/versions`, { method: 'POST', body }),

  // Bills and the ledger. Billing an account that gets no bill answers 422 with the reason in the
  // same result, which is the answer rather than an error.
  bills: (accountId: number) => request<BillList>(`/api/accounts/${accountId}/bills`),
  billAccount: (accountId: number, period: string, billDate?: string) =>
    request<BillAccountResult>(`/api/accounts/${accountId}/bills`, { method: 'POST', body: { period, billDate }, answerStatuses: [422] }),
  bill: (id: number) => request<BillView>(`/api/bills/${id}`),
  rebill: (id: number, reason: string) => request<RebillResult>(`/api/bills/${id}/rebill`, { method: 'POST', body: { reason } }),
  ledger: (accountId: number, limit = 20, offset = 0) => request<AccountLedger>(`/api/accounts/${accountId}/ledger`, { query: { limit, offset } }),

  // Billing runs: progress arrives on the socket as `billing:run-progress`; these read it afresh.
  billingRuns: () => request<BillingRunList>('/api/billing-runs'),
  billingRun: (id: number) => request<BillingRunView>(`/api/billing-runs/${id}`),
  startBillingRun: (body: BillingRunCreate) => request<BillingRunView>('/api/billing-runs', { method: 'POST', body }),
  resumeBillingRun: (id: number) => request<BillingRunView>(`/api/billing-runs/${id}/resume`, { method: 'POST' }),
  billingRunSkips: (id: number, reason?: SkipReason) => request<BillingRunSkipList>(`/api/billing-runs/${id}/skipped`, { query: { reason } }),
};
