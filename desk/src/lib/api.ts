import {
  ErrorBody,
  type AuditAction,
  type AuditList,
  type AuditVerifyResult,
  type CompanyList,
  type ErrorCode,
  type FieldIssue,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  type Role,
  type UserCreate,
  type UserList,
  type UserPatch,
  type UserView,
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
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorFrom(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null;
  let parsed: ReturnType<typeof ErrorBody.safeParse> | null = null;
  try {
    parsed = ErrorBody.safeParse(await res.json());
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

  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
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
};
