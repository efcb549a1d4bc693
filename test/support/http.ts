/** A small JSON client for tests: real HTTP requests against a running server. */
export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    public token: string | null = null,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.token && { authorization: `Bearer ${this.token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }

  /** Signs in and keeps the token; fails the test when sign-in does not succeed. */
  async login(username: string, password: string, headers: Record<string, string> = {}): Promise<this> {
    const reply = await this.post<{ token: string }>('/api/auth/login', { username, password }, headers);
    if (reply.status !== 200) throw new Error(`login as ${username} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    this.token = reply.body.token;
    return this;
  }
}

let ipCounter = 0;
/**
 * A client address of its own (sent as `X-Forwarded-For`; the test app trusts one proxy hop), so
 * that per-address login throttling in one test never touches another.
 */
export function freshIp(): Record<string, string> {
  ipCounter += 1;
  return { 'x-forwarded-for': `10.${process.pid % 200}.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}` };
}
