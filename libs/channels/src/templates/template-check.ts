/**
 * Checks a template before it is saved or published, and says what is wrong in plain words with
 * the line and column: a block left open, a helper that does not exist, a variable that is not
 * one of the known ones (`customer.frstName`, `coupon.cod`). Paths into custom attributes and
 * event properties are never refused: they may be absent by nature and render empty.
 */
import { sampleTemplateContext } from './sample-context';
import { isOptionalPath, parseTemplateSource, TEMPLATE_HELPERS } from './template-renderer';

export type TemplateErrorCode = 'template_invalid' | 'unknown_helper';

/** A template that cannot be used, with where (1-based line and column in the whole source). */
export class TemplateError extends Error {
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    readonly line: number | null,
    readonly column: number | null,
    /** The variable, helper or block named in the message. */
    readonly subject: string | null = null,
  ) {
    super(line === null ? message : `Line ${line}, column ${column ?? 1}: ${message}`);
  }

  get details(): { line: number | null; column: number | null; name?: string } {
    return { line: this.line, column: this.column, ...(this.subject ? { name: this.subject } : {}) };
  }
}

/** Where a piece of source sits in the whole template (front matter lines come first). */
export interface SourceOffset {
  line: number;
  column: number;
}

type VariableType =
  | { kind: 'object'; label: string; fields: Record<string, VariableType> }
  | { kind: 'array'; of: VariableType }
  | { kind: 'value' }
  | { kind: 'any' };

const ANY: VariableType = { kind: 'any' };

const LABELS: Record<string, string> = {
  '': 'known variable',
  customer: 'customer field',
  coupon: 'coupon field',
  store: 'store field',
  event: 'event field',
};

function typeOf(value: unknown, path: string): VariableType {
  if (path === 'customer.attributes' || path === 'event.properties') return ANY;
  if (Array.isArray(value)) return { kind: 'array', of: value.length ? typeOf(value[0], `${path}.0`) : ANY };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'object',
      label: LABELS[path] ?? `${path.split('.').pop()} field`,
      fields: Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, typeOf(v, path ? `${path}.${k}` : k)]),
      ),
    };
  }
  return { kind: 'value' };
}

/** What a journey's template can read (a layout also reads `body` and the front-matter fields). */
function knownVariables(layout: boolean): VariableType {
  const root = typeOf(sampleTemplateContext(), '') as Extract<VariableType, { kind: 'object' }>;
  if (layout) for (const k of ['body', 'subject', 'preheader']) root.fields[k] = { kind: 'value' };
  return root;
}

/** Parses and checks one piece of Handlebars; throws a TemplateError. */
export function checkTemplateSource(
  source: string,
  offset: SourceOffset = { line: 1, column: 1 },
  options: { layout?: boolean; fieldsOf?: string[] } = {},
): void {
  let ast: hbs.AST.Program;
  try {
    ast = parseTemplateSource(source);
  } catch (error) {
    throw parseErrorOf(source, error as Error & { lineNumber?: number; column?: number }, offset);
  }
  const root = knownVariables(Boolean(options.layout));
  if (options.layout && options.fieldsOf) {
    const fields = (root as Extract<VariableType, { kind: 'object' }>).fields;
    for (const k of options.fieldsOf) fields[k] = { kind: 'value' };
  }
  new VariableWalker(root, offset).program(ast, [root], {});
}

function at(loc: hbs.AST.SourceLocation | undefined, offset: SourceOffset): { line: number; column: number } {
  const line = loc?.start.line ?? 1;
  const column = (loc?.start.column ?? 0) + 1;
  return {
    line: offset.line + line - 1,
    column: line === 1 ? offset.column + column - 1 : column,
  };
}

class VariableWalker {
  constructor(
    private readonly root: VariableType,
    private readonly offset: SourceOffset,
  ) {}

  program(
    program: hbs.AST.Program | undefined,
    scopes: VariableType[],
    blockParams: Record<string, VariableType>,
  ) {
    for (const statement of program?.body ?? []) {
      switch (statement.type) {
        case 'MustacheStatement':
          this.call(statement as hbs.AST.MustacheStatement, scopes, blockParams);
          break;
        case 'BlockStatement':
          this.block(statement as hbs.AST.BlockStatement, scopes, blockParams);
          break;
        case 'PartialStatement':
        case 'PartialBlockStatement':
        case 'DecoratorBlock':
        case 'Decorator': {
          const where = at(statement.loc, this.offset);
          throw new TemplateError(
            'template_invalid',
            'partials and decorators are not supported',
            where.line,
            where.column,
          );
        }
      }
    }
  }

  private block(
    block: hbs.AST.BlockStatement,
    scopes: VariableType[],
    blockParams: Record<string, VariableType>,
  ) {
    const helper = this.call(block, scopes, blockParams);
    let inner = scopes[scopes.length - 1];
    const params = { ...blockParams };
    if (helper === 'each' || helper === 'with' || helper === null) {
      const value =
        helper === null
          ? this.typeOfPath(block.path as hbs.AST.PathExpression, scopes, blockParams)
          : this.typeOfParam(block.params[0], scopes, blockParams);
      inner = helper === 'with' || helper === null ? value : value.kind === 'array' ? value.of : ANY;
      if (helper === null && value.kind === 'array') inner = value.of;
      const names = block.program?.blockParams ?? [];
      if (names[0]) params[names[0]] = inner;
      if (names[1]) params[names[1]] = { kind: 'value' };
    }
    this.program(block.program, [...scopes, inner], params);
    this.program(block.inverse, scopes, blockParams);
  }

  /** Checks a mustache, block or sub-expression; answers the helper's name (null when it is a path). */
  private call(
    node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression,
    scopes: VariableType[],
    blockParams: Record<string, VariableType>,
  ): string | null {
    const path = node.path as hbs.AST.PathExpression;
    const hasArguments = node.params.length > 0 || Boolean(node.hash?.pairs.length);
    const simpleName =
      path.type === 'PathExpression' && path.parts.length === 1 && !path.data && path.depth === 0
        ? path.parts[0]
        : null;
    let helper: string | null = null;
    if (
      simpleName !== null &&
      (hasArguments || node.type === 'SubExpression' || TEMPLATE_HELPERS.includes(simpleName))
    ) {
      if (!TEMPLATE_HELPERS.includes(simpleName) && !(simpleName in blockParams && !hasArguments)) {
        const where = at(path.loc, this.offset);
        throw new TemplateError(
          'unknown_helper',
          `"${simpleName}" is not a helper (the helpers are ${TEMPLATE_HELPERS.join(', ')})`,
          where.line,
          where.column,
          simpleName,
        );
      }
      helper = simpleName;
    } else if (path.type === 'PathExpression') {
      this.typeOfPath(path, scopes, blockParams);
    }
    for (const param of node.params) this.typeOfParam(param, scopes, blockParams);
    for (const pair of node.hash?.pairs ?? []) this.typeOfParam(pair.value, scopes, blockParams);
    return helper;
  }

  private typeOfParam(
    node: hbs.AST.Expression | undefined,
    scopes: VariableType[],
    blockParams: Record<string, VariableType>,
  ): VariableType {
    if (!node) return ANY;
    if (node.type === 'PathExpression')
      return this.typeOfPath(node as hbs.AST.PathExpression, scopes, blockParams);
    if (node.type === 'SubExpression') {
      this.call(node as hbs.AST.SubExpression, scopes, blockParams);
      return ANY;
    }
    return { kind: 'value' };
  }

  private typeOfPath(
    path: hbs.AST.PathExpression,
    scopes: VariableType[],
    blockParams: Record<string, VariableType>,
  ): VariableType {
    let parts = path.parts;
    let type: VariableType;
    let prefix = '';
    if (path.data) {
      if (parts[0] !== 'root') return { kind: 'value' }; // @index, @key, @first, @last
      type = this.root;
      parts = parts.slice(1);
    } else if (
      path.depth === 0 &&
      parts.length > 0 &&
      parts[0] in blockParams &&
      !/^(this|\.)/.test(path.original)
    ) {
      type = blockParams[parts[0]];
      prefix = parts[0];
      parts = parts.slice(1);
    } else {
      type = scopes[Math.max(0, scopes.length - 1 - path.depth)];
    }
    if (isOptionalPath(path)) return ANY;
    for (const part of parts) {
      if (type.kind === 'any') return ANY;
      if (type.kind === 'array' && /^\d+$/.test(part)) {
        type = type.of;
        continue;
      }
      if (type.kind === 'array' && part === 'length') {
        type = { kind: 'value' };
        continue;
      }
      if (type.kind === 'object' && Object.prototype.hasOwnProperty.call(type.fields, part)) {
        prefix = prefix ? `${prefix}.${part}` : part;
        type = type.fields[part];
        continue;
      }
      const where = at(path.loc, this.offset);
      const label =
        type.kind === 'object'
          ? type.label
          : type.kind === 'array'
            ? 'list field'
            : `field of ${prefix || 'this value'}`;
      throw new TemplateError(
        'template_invalid',
        `"${part}" is not a ${label}${type.kind === 'object' && prefix === '' && scopes.length === 1 ? suggestion(part) : ''}`,
        where.line,
        where.column,
        part,
      );
    }
    return type;
  }
}

/** `{{firstName}}` at the top level most likely meant `customer.firstName`. */
function suggestion(part: string): string {
  const context = sampleTemplateContext();
  for (const [root, value] of Object.entries(context)) {
    if (value && typeof value === 'object' && part in value) return ` (did you mean ${root}.${part}?)`;
  }
  return '';
}

/** A Handlebars parse error in plain words, with where it is. */
function parseErrorOf(
  source: string,
  error: Error & { lineNumber?: number; column?: number },
  offset: SourceOffset,
): TemplateError {
  const place = (line: number, column: number) => ({
    line: offset.line + line - 1,
    column: line === 1 ? offset.column + column - 1 : column,
  });
  const message = error.message;
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch && error.lineNumber !== undefined) {
    const where = place(error.lineNumber, (error.column ?? 0) + 1);
    return new TemplateError(
      'template_invalid',
      `the "{{#${mismatch[1]}}}" block is closed by "{{/${mismatch[2]}}}"`,
      where.line,
      where.column,
      mismatch[1],
    );
  }
  if (/got 'EOF'/.test(message)) {
    const open = unclosedBlock(source);
    if (open) {
      const where = place(open.line, open.column);
      return new TemplateError(
        'template_invalid',
        `the "{{#${open.name}}}" block is not closed`,
        where.line,
        where.column,
        open.name,
      );
    }
    const where = place(source.split('\n').length, 1);
    return new TemplateError(
      'template_invalid',
      'the template ends inside a "{{…}}"',
      where.line,
      where.column,
    );
  }
  const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
  const lineText = source.split('\n')[line - 1] ?? '';
  const column = Math.max(0, lineText.indexOf('{{')) + 1;
  const got = /got '([A-Z_]+)'/.exec(message)?.[1];
  const where = place(line, column);
  return new TemplateError(
    'template_invalid',
    `this "{{…}}" is not valid Handlebars${got ? ` (unexpected ${got.toLowerCase().replace(/_/g, ' ')})` : ''}`,
    where.line,
    where.column,
  );
}

/** The innermost `{{#name}}` without its `{{/name}}`, by a scan of the tags. */
function unclosedBlock(source: string): { name: string; line: number; column: number } | null {
  const stack: { name: string; index: number }[] = [];
  for (const tag of source.matchAll(/\{\{~?\s*([#/^])\s*([^\s}~]*)/g)) {
    if (tag[1] === '#') stack.push({ name: tag[2].replace(/^[>*]/, ''), index: tag.index });
    else if (tag[1] === '/') stack.pop();
  }
  const open = stack.pop();
  if (!open) return null;
  const before = source.slice(0, open.index);
  const line = before.split('\n').length;
  return { name: open.name, line, column: open.index - before.lastIndexOf('\n') };
}
