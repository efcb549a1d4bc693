/**
 * A hash router is enough for a desk served as static files behind the API: no server rewrite
 * rules, and a reload keeps the page. The first segment is the route (`#/users`), and what a route
 * shows is decided in nav.ts; further segments are the page's arguments (`#/customer/42` → `['42']`)
 * and a query string its options (`#/search?q=138…`).
 */
export const HOME_ROUTE = 'home';

interface Location {
  route: string;
  args: string[];
  query: URLSearchParams;
}

function parse(hash: string): Location {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const [route = '', ...args] = path.split('/').map((s) => decodeURIComponent(s));
  return { route: route || HOME_ROUTE, args: args.filter(Boolean), query: new URLSearchParams(search) };
}

/** `#/customer/42?account=7` from its parts; empty query values are left out. */
export function hrefOf(route: string, args: (string | number)[] = [], query: Record<string, string | number | null | undefined> = {}): string {
  const path = [route, ...args.map((a) => encodeURIComponent(String(a)))].join('/');
  const qs = Object.entries(query)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

class Router {
  route = $state(parse(location.hash).route);
  args = $state<string[]>(parse(location.hash).args);
  query = $state<URLSearchParams>(parse(location.hash).query);

  constructor() {
    window.addEventListener('hashchange', () => this.#read());
  }

  go(route: string, args: (string | number)[] = [], query: Record<string, string | number | null | undefined> = {}): void {
    location.hash = hrefOf(route, args, query);
  }

  /** Replaces the current history entry: a redirect, so that Back does not land on it again. */
  replace(route: string, args: (string | number)[] = [], query: Record<string, string | number | null | undefined> = {}): void {
    location.replace(hrefOf(route, args, query));
  }

  #read(): void {
    const next = parse(location.hash);
    this.route = next.route;
    this.args = next.args;
    this.query = next.query;
  }
}

export const router = new Router();
