// The editor's pages live in the URL hash (`#/journeys`, `#/journeys/<id>`, `#/outbox`,
// `#/outbox/<id>`, `#/customers?q=…`, `#/customers/<id>`, `#/runs/<id>`, `#/admin`, `#/store`, `#/segments`,
// `#/settings`, `#/templates`, `#/templates/<channel>/<name>`, `#/dashboard`, `#/journeys/<id>/results`) so the app is a static bundle that any server can host
// without rewrite rules, and links survive reloads.
import { CHANNELS, type Channel } from '@waypoint/journey';

export type Route =
  | { page: 'journeys' }
  | { page: 'journey'; id: string }
  | { page: 'journey-results'; id: string }
  | { page: 'outbox' }
  | { page: 'outbox-message'; id: string }
  | { page: 'customers'; q: string }
  | { page: 'customer'; id: string }
  | { page: 'run'; id: string }
  | { page: 'admin' }
  | { page: 'store' }
  | { page: 'segments' }
  | { page: 'settings' }
  | { page: 'templates' }
  | { page: 'template'; channel: Channel; name: string }
  | { page: 'dashboard' }
  | { page: 'not-found'; path: string };

/** Reads a route from `location.hash`. An empty hash is the home page (journeys). */
export function parseHashRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?', 2);
  const segments = path.split('/').filter((segment) => segment !== '');
  let decoded: string[];
  try {
    decoded = segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return { page: 'not-found', path };
  }

  const [first, second, ...rest] = decoded;
  if (first === undefined) return { page: 'journeys' };
  if (first === 'journeys' && second === undefined) return { page: 'journeys' };
  if (first === 'journeys' && rest.length === 0) return { page: 'journey', id: second };
  if (first === 'journeys' && rest.length === 1 && rest[0] === 'results') {
    return { page: 'journey-results', id: second };
  }
  if (first === 'outbox' && second === undefined) return { page: 'outbox' };
  if (first === 'outbox' && second !== undefined && rest.length === 0) {
    return { page: 'outbox-message', id: second };
  }
  if (first === 'customers' && second === undefined) {
    return { page: 'customers', q: new URLSearchParams(query).get('q') ?? '' };
  }
  if (first === 'customers' && rest.length === 0) return { page: 'customer', id: second };
  if (first === 'runs' && second !== undefined && rest.length === 0) return { page: 'run', id: second };
  if (first === 'admin' && second === undefined) return { page: 'admin' };
  if (first === 'store' && second === undefined) return { page: 'store' };
  if (first === 'segments' && second === undefined) return { page: 'segments' };
  if (first === 'settings' && second === undefined) return { page: 'settings' };
  if (first === 'templates' && second === undefined) return { page: 'templates' };
  if (first === 'dashboard' && second === undefined) return { page: 'dashboard' };
  if (first === 'templates' && isChannel(second) && rest.length === 1) {
    return { page: 'template', channel: second, name: rest[0] };
  }
  return { page: 'not-found', path };
}

/** The `href` for a route; the inverse of `parseHashRoute`. */
export function hrefFor(route: Exclude<Route, { page: 'not-found' }>): string {
  switch (route.page) {
    case 'journeys':
      return '#/journeys';
    case 'journey':
      return `#/journeys/${encodeURIComponent(route.id)}`;
    case 'journey-results':
      return `#/journeys/${encodeURIComponent(route.id)}/results`;
    case 'outbox':
      return '#/outbox';
    case 'outbox-message':
      return `#/outbox/${encodeURIComponent(route.id)}`;
    case 'customers':
      return route.q ? `#/customers?${new URLSearchParams({ q: route.q }).toString()}` : '#/customers';
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
    case 'admin':
      return '#/admin';
    case 'store':
      return '#/store';
    case 'segments':
      return '#/segments';
    case 'dashboard':
      return '#/dashboard';
    case 'settings':
      return '#/settings';
    case 'templates':
      return '#/templates';
    case 'template':
      return `#/templates/${route.channel}/${encodeURIComponent(route.name)}`;
  }
}

function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
