/**
 * The methods each route answers, so a path that exists called with another method is 405
 * `method_not_allowed` with `Allow` (docs/api.md) rather than 404. Routes are recorded as Fastify
 * registers them; the exception filter asks when Nest's not-found handler throws.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

interface RoutePattern {
  pattern: RegExp;
  methods: Set<string>;
}

const routesOf = new WeakMap<object, RoutePattern[]>();

/** Call before the routes are registered (createApp does, right after the app is made). */
export function recordRouteMethods(fastify: FastifyInstance): void {
  const routes: RoutePattern[] = [];
  routesOf.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const source = patternOf(route.url ?? route.path);
    let entry = routes.find((r) => r.pattern.source === source);
    if (!entry) routes.push((entry = { pattern: new RegExp(source, 'i'), methods: new Set() }));
    for (const method of methods) entry.methods.add(method.toUpperCase());
  });
}

/** `/v1/customers/:id` → a regex matching any value of `:id` (case and a trailing slash ignored, as routing does). */
function patternOf(url: string): string {
  const body = url
    .replace(/\/+$/, '')
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return `^${body}/?$`;
}

/** The methods the request's path answers to, when no route matched its method (else none). */
export function allowedMethodsFor(request: FastifyRequest): string[] {
  if (request.routeOptions.url) return [];
  const routes = routesOf.get(request.server) ?? [];
  const path = request.url.split('?')[0] ?? '';
  const allowed = new Set<string>();
  for (const route of routes) if (route.pattern.test(path)) for (const m of route.methods) allowed.add(m);
  return [...allowed].sort();
}
