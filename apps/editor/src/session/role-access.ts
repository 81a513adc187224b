// Which parts of the app each role sees; the API enforces the same split (README, "Who may do what"), this only
// keeps people from links that would answer "forbidden".
import type { Route } from '../hash-route';
import type { Role } from '@waypoint/journey';

/** Whether `role` may see a part of the app meant for `allowed` (admins see everything). */
export function roleAllows(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || allowed.includes(role);
}

// Support reads a journey only as a run's path (the run page); editing is for marketers.
const PAGE_ROLES: Record<Route['page'], readonly Role[]> = {
  journeys: ['marketer'],
  journey: ['marketer'],
  'journey-results': ['marketer'],
  outbox: ['marketer', 'support'],
  'outbox-message': ['marketer', 'support'],
  customers: ['support'],
  customer: ['support'],
  run: ['support'],
  admin: [],
  // Marketers and support read the store connection; the page lets only admins change it.
  store: ['marketer', 'support'],
  segments: ['marketer'],
  // Admins change the settings; marketers read them all, support the store profile.
  settings: ['marketer', 'support'],
  templates: ['marketer'],
  template: ['marketer'],
  dashboard: ['marketer'],
  'not-found': ['marketer', 'support'],
};

export function mayOpen(role: Role, page: Route['page']): boolean {
  return roleAllows(role, PAGE_ROLES[page]);
}

/** Where a person lands when they open the app: support at customer search, everyone else at the dashboard. */
export function homeFor(role: Role): Exclude<Route, { page: 'not-found' }> {
  return role === 'support' ? { page: 'customers', q: '' } : { page: 'dashboard' };
}
