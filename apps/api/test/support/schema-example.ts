/**
 * A small, minimal valid value for a JSON Schema (the subset zod and OpenAPI 3.1 produce): the
 * schema's own example or default when it gives one, else required properties only, the fewest
 * items, the smallest number in range, a string of the right format or pattern. Every candidate
 * is checked with the validator, so what comes out is valid or the call throws naming the schema.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { JsonSchema, SchemaValidator } from './openapi-operations';

class NoExample extends Error {}

let serial = 0;

export function exampleOf(validator: SchemaValidator, schema: JsonSchema): unknown {
  // Iterative deepening: recursive schemas (conditions within conditions) take their shallowest
  // valid form, because the deep branches run out of depth first.
  for (const maxDepth of [3, 6, 12, 24]) {
    try {
      const value = new ExampleMaker(validator, maxDepth).make(schema, 0);
      const problems = validator.problems(schema, value);
      if (!problems) return value;
    } catch (error) {
      if (!(error instanceof NoExample)) throw error;
    }
  }
  throw new Error(`no valid example could be made for the schema ${JSON.stringify(schema).slice(0, 500)}`);
}

class ExampleMaker {
  constructor(
    private readonly validator: SchemaValidator,
    private readonly maxDepth: number,
  ) {}

  make(raw: JsonSchema, depth: number): unknown {
    if (depth > this.maxDepth) throw new NoExample();
    const schema = this.validator.resolve(raw);
    const valid = (value: unknown) => this.validator.isValid(schema, value);

    for (const given of [
      schema.const,
      ...((schema.examples as unknown[]) ?? []),
      schema.example,
      schema.default,
    ])
      if (given !== undefined && valid(given)) return given;
    if (Array.isArray(schema.enum)) {
      const value = schema.enum.find(valid);
      if (value !== undefined) return value;
      throw new NoExample();
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const branches = schema[keyword] as JsonSchema[] | undefined;
      if (branches) return this.firstValid(branches, depth, valid);
    }
    if (Array.isArray(schema.allOf)) {
      const { allOf, ...rest } = schema;
      return this.firstValid([...(allOf as JsonSchema[]), rest], depth, valid);
    }

    const types = typesOf(schema);
    for (const type of types) {
      try {
        const value = this.ofType(type, schema, depth);
        if (valid(value)) return value;
      } catch (error) {
        if (!(error instanceof NoExample)) throw error;
      }
    }
    throw new NoExample();
  }

  private firstValid(branches: JsonSchema[], depth: number, valid: (value: unknown) => boolean): unknown {
    for (const branch of branches) {
      try {
        const value = this.make(branch, depth + 1);
        if (valid(value)) return value;
      } catch (error) {
        if (!(error instanceof NoExample)) throw error;
      }
    }
    throw new NoExample();
  }

  private ofType(type: string, schema: JsonSchema, depth: number): unknown {
    switch (type) {
      case 'null':
        return null;
      case 'boolean':
        return false;
      case 'integer':
      case 'number':
        return numberIn(schema, type === 'integer');
      case 'string':
        return this.string(schema);
      case 'array': {
        const min = (schema.minItems as number | undefined) ?? 0;
        const prefix = (schema.prefixItems as JsonSchema[] | undefined) ?? [];
        const items = prefix.map((item) => this.make(item, depth + 1));
        const rest = (schema.items as JsonSchema | undefined) ?? {};
        while (items.length < min) items.push(this.make(rest, depth + 1));
        return items;
      }
      case 'object': {
        const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
        const required = (schema.required as string[] | undefined) ?? [];
        const value: Record<string, unknown> = {};
        for (const name of required)
          value[name] = this.make(properties[name] ?? additionalOf(schema), depth + 1);
        // minProperties, or an object valid only with optional fields: add them in order.
        for (const [name, property] of Object.entries(properties)) {
          if (this.validator.isValid(schema, value)) break;
          if (!(name in value)) value[name] = this.make(property, depth + 1);
        }
        return value;
      }
      default:
        return 'example';
    }
  }

  private string(schema: JsonSchema): string {
    const min = (schema.minLength as number | undefined) ?? 0;
    const max = (schema.maxLength as number | undefined) ?? 10_000;
    serial += 1;
    const fitted = (text: string) => text.padEnd(min, 'x').slice(0, max);
    const candidates: string[] = [];
    const byFormat: Record<string, () => string> = {
      uuid: () => randomUUID(),
      email: () => `contract-${serial}@example.com`,
      'date-time': () => new Date().toISOString(),
      date: () => new Date().toISOString().slice(0, 10),
      time: () => '12:00:00Z',
      uri: () => `https://example.com/contract/${serial}`,
      url: () => `https://example.com/contract/${serial}`,
      hostname: () => 'example.com',
      ipv4: () => '192.0.2.1',
    };
    const format = schema.format as string | undefined;
    if (format && byFormat[format]) candidates.push(byFormat[format]());
    candidates.push(
      fitted(`example ${serial}`),
      fitted(`example-${serial}`),
      fitted('a'),
      fitted('A'),
      fitted('1'),
    );
    for (const candidate of candidates) if (this.validator.isValid(schema, candidate)) return candidate;
    if (typeof schema.pattern === 'string') {
      // A string the pattern generates (fast-check reads the regular expression), within length.
      const generated = fc.sample(fc.stringMatching(new RegExp(schema.pattern as string, 'u')), {
        seed: serial,
        numRuns: 50,
      });
      const found = generated
        .sort((a, b) => a.length - b.length)
        .find((candidate) => this.validator.isValid(schema, candidate));
      if (found !== undefined) return found;
    }
    throw new NoExample();
  }
}

function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  if (Array.isArray(type)) return [...type.filter((t) => t !== 'null'), ...type.filter((t) => t === 'null')];
  if (typeof type === 'string') return [type];
  if (schema.properties || schema.required || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items || schema.prefixItems) return ['array'];
  return ['string', 'object'];
}

function additionalOf(schema: JsonSchema): JsonSchema {
  const additional = schema.additionalProperties;
  return additional && typeof additional === 'object' ? (additional as JsonSchema) : {};
}

function numberIn(schema: JsonSchema, integer: boolean): number {
  const low =
    (schema.minimum as number | undefined) ??
    (schema.exclusiveMinimum !== undefined
      ? (schema.exclusiveMinimum as number) + (integer ? 1 : 0.5)
      : undefined);
  const high =
    (schema.maximum as number | undefined) ??
    (schema.exclusiveMaximum !== undefined
      ? (schema.exclusiveMaximum as number) - (integer ? 1 : 0.5)
      : undefined);
  let value = low ?? (high !== undefined ? Math.min(1, high) : 1);
  if (low !== undefined && low <= 1 && (high === undefined || high >= 1)) value = 1;
  const step = schema.multipleOf as number | undefined;
  if (step) value = Math.ceil(value / step) * step;
  return integer ? Math.ceil(value) : value;
}
