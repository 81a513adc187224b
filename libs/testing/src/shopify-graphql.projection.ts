/**
 * The GraphQL side of the Shopify Admin stub: reading an operation (root fields, arguments with
 * variables, fragments), shaping a resolved object to exactly the selection asked for (aliases,
 * `__typename`, inline fragments by type), refusing fields the object does not have the way
 * Shopify does (`undefinedField`), and a query cost in Shopify's spirit (objects 1, connections
 * 2 + first × node, mutations 10) for the leaky bucket.
 */
import {
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A resolved object: plain data with its `__typename`; a function field receives its arguments. */
export interface StubObject {
  __typename: string;
  [field: string]: unknown;
}

export type FieldResolver = (args: Record<string, unknown>) => unknown;

export interface GraphqlErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

export interface OperationContext {
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
  errors: GraphqlErrorBody[];
}

export function fieldArguments(
  field: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const argument of field.arguments ?? [])
    args[argument.name.value] = valueFromASTUntyped(argument.value, variables);
  return args;
}

/** The root fields of an operation (with fragments on the root type expanded). */
export function rootFields(operation: OperationDefinitionNode, context: OperationContext): FieldNode[] {
  return collectFields(operation.selectionSet, context, null);
}

function collectFields(
  selectionSet: SelectionSetNode,
  context: OperationContext,
  typename: string | null,
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition?.name.value;
      if (!type || typename === null || type === typename)
        fields.push(...collectFields(selection.selectionSet, context, typename));
    } else {
      const fragment = context.fragments.get(selection.name.value);
      if (fragment && (typename === null || fragment.typeCondition.name.value === typename))
        fields.push(...collectFields(fragment.selectionSet, context, typename));
    }
  }
  return fields;
}

/** `value` shaped to `selectionSet`; unknown fields are recorded as Shopify-like errors. */
export function project(
  value: unknown,
  selectionSet: SelectionSetNode | undefined,
  context: OperationContext,
  path: Array<string | number>,
): unknown {
  if (value === null || value === undefined) return null;
  if (!selectionSet) return value;
  if (Array.isArray(value)) return value.map((item, i) => project(item, selectionSet, context, [...path, i]));
  const object = value as StubObject;
  const out: Record<string, unknown> = {};
  for (const field of collectFields(selectionSet, context, object.__typename)) {
    const key = field.alias?.value ?? field.name.value;
    const name = field.name.value;
    if (name === '__typename') {
      out[key] = object.__typename;
      continue;
    }
    if (!(name in object)) {
      context.errors.push({
        message: `Field '${name}' doesn't exist on type '${object.__typename}'`,
        path: [...path, key],
        extensions: { code: 'undefinedField', typeName: object.__typename, fieldName: name },
      });
      continue;
    }
    const raw = object[name];
    const resolved =
      typeof raw === 'function' ? (raw as FieldResolver)(fieldArguments(field, context.variables)) : raw;
    out[key] = project(resolved, field.selectionSet, context, [...path, key]);
  }
  return out;
}

/** A requested cost in the spirit of Shopify's calculated query cost. */
export function requestedCost(operation: OperationDefinitionNode, context: OperationContext): number {
  if (operation.operation === 'mutation') return 10 * rootFields(operation, context).length;
  return Math.max(1, selectionCost(operation.selectionSet, context));
}

function selectionCost(selectionSet: SelectionSetNode, context: OperationContext): number {
  let cost = 0;
  for (const field of collectFields(selectionSet, context, null)) {
    if (!field.selectionSet) continue;
    const args = fieldArguments(field, context.variables);
    const inner = selectionCost(field.selectionSet, context);
    // A connection's edges, its edge's node and its pageInfo are part of the connection's price.
    const wrapper =
      ['edges', 'pageInfo'].includes(field.name.value) || (field.name.value === 'node' && !args.id);
    if (wrapper) cost += inner;
    else cost += typeof args.first === 'number' ? 2 + args.first * Math.max(1, inner) : 1 + inner;
  }
  return cost;
}
