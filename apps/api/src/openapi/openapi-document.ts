/**
 * `/openapi.json`, generated: @nestjs/swagger reads the controllers (paths, parameters, the
 * responses each handler declares with the contract's schemas), nestjs-zod turns the zod schemas
 * into JSON Schema, and this file adds who may call each operation from the same `ACCESS`
 * metadata the global guard reads: `x-access` (`public`, `api_key` or `session`), for a person's
 * route `x-roles` (the roles that may call it), `security`, and the 401/403 answers that follow.
 */
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ROLES } from '@waypoint/journey';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { answeredSchemas } from './api-docs.decorators';
import { ACCESS, type Access } from '../auth/access.decorators';

const ADMINS_ONLY: Access = { kind: 'roles', roles: [] };
const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ERROR_REF } },
});

/** Every handler's access, keyed by the operationId @nestjs/swagger gives it (`Controller_method`). */
export function accessByOperation(app: INestApplication): Map<string, Access> {
  const reflector = app.get(Reflector);
  const result = new Map<string, Access>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const access =
          reflector.getAllAndOverride<Access | undefined>(ACCESS, [handler, controller]) ?? ADMINS_ONLY;
        result.set(`${controller.name}_${method}`, access);
      }
    }
  }
  return result;
}

/** The roles that may call a person's route (admins always may). */
export function rolesOf(access: Access & { kind: 'roles' }): string[] {
  return ROLES.filter((role) => role === 'admin' || access.roles.includes(role));
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Waypoint API')
    .setVersion('0.1.0')
    .setDescription(
      'Journeys, runs, customers, events and webhooks. Every route needs a person signed in unless ' +
        'its `x-roles` say otherwise (`anyone`: signed webhooks, unsubscribe links, health; `api_key`: ' +
        'the storefront event and profile API). Errors are `{error: {code, message, details}}`. ' +
        'docs/api.md lists the limits on requests.',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A session token (ws_…)' }, 'session')
    .addCookieAuth('wp_session', { type: 'apiKey', in: 'cookie', name: 'wp_session' }, 'sessionCookie')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (wp_…)' }, 'apiKey')
    .build();
  config.openapi = '3.1.0';
  const document = withPlainOutputNames(
    cleanupOpenApiDoc(SwaggerModule.createDocument(app, config), { version: '3.1' }),
  );
  restoreNullableRootProperties(document, app);
  const access = accessByOperation(app);
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const declared = access.get(operation.operationId ?? '') ?? ADMINS_ONLY;
      // Refusals every route can give before its handler runs (create-app.ts): a NUL, a lone
      // surrogate or nesting too deep in the query or body, JSON that does not parse, a path that
      // cannot be decoded (400); a body too large (413) or in a type or charset not read (415); a
      // dependency down (503).
      operation.responses ??= {};
      operation.responses['400'] ??= errorResponse(
        'The request is not valid (the message names the problem)',
      );
      // Any route that needs PostgreSQL or Temporal while it is down (api-exception.filter.ts).
      operation.responses['503'] ??= errorResponse(
        'PostgreSQL (`database_unavailable`) or Temporal (`temporal_unavailable`) is not answering; ' +
          'Retry-After says when to try again',
      );
      if (operation.requestBody) {
        operation.responses['413'] ??= errorResponse('The body is larger than the limit (docs/api.md)');
        operation.responses['415'] ??= errorResponse(
          'The body is in a content type or charset the API does not read',
        );
      }
      const extended = operation as typeof operation & { 'x-roles'?: string[]; 'x-access': string };
      extended['x-access'] = declared.kind === 'roles' ? 'session' : declared.kind;
      operation.responses ??= {};
      if (declared.kind === 'public') {
        operation.security = [];
        continue;
      }
      if (declared.kind === 'api_key') {
        operation.security = [{ apiKey: [] }];
        operation.responses['401'] ??= errorResponse('No API key, or an unknown or revoked one');
        operation.responses['403'] ??= errorResponse('A sign-in token was sent where an API key belongs');
      } else {
        extended['x-roles'] = rolesOf(declared);
        operation.security = [{ session: [] }, { sessionCookie: [] }];
        operation.responses['401'] ??= errorResponse('Not signed in, or the sign-in ended');
        operation.responses['403'] ??= errorResponse(
          `Needs the ${extended['x-roles'].join(' or ')} role (an API key is refused)`,
        );
      }
    }
  }
  return document;
}

/**
 * nestjs-zod names a response component `X_Output` (to keep it apart from a request schema `X`);
 * where no request schema is called `X`, the component is just `X`.
 */
function withPlainOutputNames(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const renames = Object.keys(schemas)
    .filter((name) => name.endsWith('_Output') && !(name.slice(0, -'_Output'.length) in schemas))
    .map((name) => [name, name.slice(0, -'_Output'.length)] as const);
  if (renames.length === 0) return document;
  let text = JSON.stringify(document);
  for (const [from, to] of renames) {
    text = text
      .split(`"#/components/schemas/${from}"`)
      .join(`"#/components/schemas/${to}"`)
      .split(`"${from}":`)
      .join(`"${to}":`);
  }
  return JSON.parse(text) as OpenAPIObject;
}

/**
 * @nestjs/swagger reads the top-level properties of a DTO itself and takes a JSON Schema `type`
 * list (`["string", "null"]`, zod's nullable) for "an array of string"; nested schemas are left as
 * zod wrote them. Each such property of a request or response DTO is put back as zod wrote it.
 */
function restoreNullableRootProperties(document: OpenAPIObject, app: INestApplication): void {
  const schemas = (document.components?.schemas ?? {}) as Record<
    string,
    { properties?: Record<string, unknown> }
  >;
  const dtos: Array<{ names: string[]; schema: z.ZodType; io: 'input' | 'output' }> = [];
  for (const [name, schema] of answeredSchemas)
    dtos.push({ names: [name, `${name}_Output`], schema, io: 'output' });
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype = (wrapper.metatype as { prototype?: object } | null)?.prototype;
      if (!prototype) continue;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const types = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as unknown[];
        for (const type of types) {
          const dto = type as { isZodDto?: boolean; name: string; schema?: z.ZodType };
          if (dto?.isZodDto && dto.schema) dtos.push({ names: [dto.name], schema: dto.schema, io: 'input' });
        }
      }
    }
  }
  for (const { names, schema, io } of dtos) {
    const component = names.map((name) => schemas[name]).find((found) => found?.properties);
    if (!component?.properties) continue;
    let properties: Record<string, { type?: unknown }> | undefined;
    try {
      properties = (
        z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as { properties?: typeof properties }
      ).properties;
    } catch {
      continue;
    }
    for (const [key, property] of Object.entries(properties ?? {}))
      if (Array.isArray(property.type) && key in component.properties) component.properties[key] = property;
  }
}
