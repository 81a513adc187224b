/**
 * Every route the API maps, read from its build (`apps/api/dist`) the way Nest's router reads it:
 * walk the module graph from AppModule (imports, dynamic and forward-referenced modules included),
 * and for each controller join its path with each handler's path and method metadata. It runs in
 * a child process with Node's own resolution, so it sees exactly the compiled code the API runs
 * (not Jest's transformed sources), and it needs neither configuration nor a database.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface MappedRoute {
  method: string;
  /** In OpenAPI's spelling: `/v1/segments/{id}`. */
  path: string;
  handler: string;
}

const API_DIR = join(__dirname, '../..');

// Plain JavaScript for `node -e`: the same metadata keys Nest's RouterExplorer reads.
const LIST_ROUTES = `
require('reflect-metadata');
const { PATH_METADATA, METHOD_METADATA } = require('@nestjs/common/constants');
const { RequestMethod } = require('@nestjs/common');
const { AppModule } = require(process.argv[1]);
const modules = new Set();
const controllers = new Set();
const visit = async (entry) => {
  entry = await entry;
  if (!entry) return;
  if (typeof entry.forwardRef === 'function') entry = entry.forwardRef();
  if (typeof entry === 'object') {
    for (const c of entry.controllers || []) controllers.add(c);
    for (const i of entry.imports || []) await visit(i);
  }
  const type = typeof entry === 'function' ? entry : entry.module;
  if (!type || modules.has(type)) return;
  modules.add(type);
  for (const c of Reflect.getMetadata('controllers', type) || []) controllers.add(c);
  for (const i of Reflect.getMetadata('imports', type) || []) await visit(i);
};
visit(AppModule).then(() => {
  const routes = [];
  for (const controller of controllers) {
    const bases = [].concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
    const names = new Set();
    for (let p = controller.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
      for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor') names.add(name);
    for (const name of names) {
      const handler = controller.prototype[name];
      if (typeof handler !== 'function') continue;
      const paths = Reflect.getMetadata(PATH_METADATA, handler);
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) ?? 0];
      for (const base of bases)
        for (const path of [].concat(paths))
          routes.push({ method, path: '/' + base + '/' + path, handler: controller.name + '.' + name });
    }
  }
  process.stdout.write(JSON.stringify(routes));
}).catch((error) => { console.error(error); process.exit(1); });
`;

/** The routes of the built API; `npm run build` first (the test stack runs the same build). */
export function mappedRoutes(): MappedRoute[] {
  const appModule = join(API_DIR, 'dist/app.module.js');
  if (!existsSync(appModule)) throw new Error(`${appModule} is missing: run \`npm run build\` first`);
  const output = execFileSync(process.execPath, ['-e', LIST_ROUTES, appModule], {
    cwd: API_DIR,
    encoding: 'utf8',
  });
  return (JSON.parse(output) as MappedRoute[]).map((route) => ({
    ...route,
    path: openApiPath(route.path),
  }));
}

/** `//v1/users//:id/` → `/v1/users/{id}`, as the document spells paths. */
export function openApiPath(path: string): string {
  const joined = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return joined.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
