/**
 * A hash router is enough for a desk served as static files behind the API: no server rewrite
 * rules, and a reload keeps the page. Routes are single segments (`#/users`); what a route shows
 * is decided in nav.ts.
 */
export const HOME_ROUTE = 'home';

function routeOf(hash: string): string {
  const route = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return route || HOME_ROUTE;
}

class Router {
  route = $state(routeOf(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = routeOf(location.hash);
    });
  }

  go(route: string): void {
    location.hash = `#/${route}`;
  }
}

export const router = new Router();
