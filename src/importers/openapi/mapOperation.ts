import { Kind, type ConstDirectiveNode, type FieldDefinitionNode, type InputValueDefinitionNode, type TypeNode } from 'graphql';
import { fieldName, NameRegistry, typeName } from './GraphQLNames';
import type { ImportNotes } from './ImportNotes';
import type { ApiOperation } from './OpenApiDocument';
import { directive, EnumLiteral, fieldDefinition, inputValueDefinition, nonNull } from './sdlAst';
import { JSON_SCALAR, type MappedType, type TypeMapper } from './TypeMapper';

export interface OperationMapping {
  readonly sourceName: string;
  readonly mapper: TypeMapper;
  readonly notes: ImportNotes;
  readonly rootNames: { readonly Query: NameRegistry; readonly Mutation: NameRegistry };
}

export interface OperationField {
  readonly root: 'Query' | 'Mutation';
  readonly field: FieldDefinitionNode;
  /** The answer's type, for the batchKey suggestion. */
  readonly returns: MappedType;
}

/** Headers the gateway sets itself; a parameter of that name is not an argument. */
const GATEWAY_HEADERS = new Set(['accept', 'content-type', 'content-length', 'authorization']);

/**
 * One `@rest` field for one operation: GET under Query, every other method under Mutation; path,
 * query and header parameters as arguments, a JSON request body as an `input` argument, the first
 * 2xx answer's schema as the field's type. Undefined (with a note) when the operation cannot be
 * called through `@rest` at all.
 */
export function mapOperation(operation: ApiOperation, mapping: OperationMapping): OperationField | undefined {
  const { mapper, notes } = mapping;
  const where = `${operation.method} ${operation.path}`;
  if (/[?#]/.test(operation.path)) {
    notes.add(where, 'the path carries "?" or "#"; @rest paths cannot, so the operation is left out');
    return undefined;
  }
  const response = operation.response;
  if (response && response.schema === undefined && response.mediaTypes.length > 0) {
    notes.add(where, `answers ${response.mediaTypes.join(', ')}, not JSON; @rest reads JSON, so the operation is left out`);
    return undefined;
  }
  if (operation.body && operation.body.schema === undefined && operation.body.required) {
    notes.add(where, `its body is ${operation.body.mediaTypes.join(', ') || 'not JSON'}; @rest sends JSON, so the operation is left out`);
    return undefined;
  }

  const root = operation.method === 'GET' ? 'Query' : 'Mutation';
  const fromId = operation.operationId === undefined ? undefined : fieldName(operation.operationId);
  const wanted = fromId === undefined ? fieldName(methodAndPathName(operation)) : `${fromId.charAt(0).toLowerCase()}${fromId.slice(1)}`;
  const name = mapping.rootNames[root].claim(wanted);
  if (name !== wanted) notes.add(where, `the field name ${wanted} is taken on ${root}; named ${name}`);
  const argNames = new NameRegistry();
  const args: InputValueDefinitionNode[] = [];
  const pathArgs = new Map<string, string>();
  const query: Record<string, string> = {};
  const headers: { name: string; value: string }[] = [];

  for (const parameter of operation.parameters) {
    const at = `${where} ${parameter.location} parameter "${parameter.name}"`;
    if (parameter.location === 'cookie' || parameter.location === 'formData') {
      notes.add(
        at,
        `${parameter.location === 'cookie' ? 'cookies' : 'form fields'} cannot be sent by @rest; left out${parameter.required ? ' although required' : ''}`,
      );
      continue;
    }
    if (parameter.location === 'header' && GATEWAY_HEADERS.has(parameter.name.toLowerCase())) {
      notes.add(at, 'the gateway sets this header itself (credentials belong in @source); left out');
      continue;
    }
    if (parameter.location === 'query' && !/^[_A-Za-z][_0-9A-Za-z]*$/.test(parameter.name)) {
      notes.add(at, 'its name is not a GraphQL name, which @rest query keys must be; left out');
      continue;
    }
    const argName = argNames.claim(fieldName(parameter.name));
    const mapped = mapper.map(parameter.schema, `${typeName(name)}${typeName(parameter.name)}`, 'input', at);
    if (!sendableParameter(mapped, mapper)) {
      notes.add(at, 'an object-valued parameter cannot be sent by @rest (only scalars and repeated lists); left out');
      continue;
    }
    if (mapped.type.kind === Kind.LIST_TYPE && !parameter.repeated) {
      notes.add(
        at,
        'a list sent as one delimited value (not the parameter repeated); @rest repeats the parameter, check the server accepts it',
      );
    }
    args.push(
      inputValueDefinition({
        name: argName,
        type: parameter.required ? nonNull(mapped.type) : mapped.type,
        description: parameter.description,
      }),
    );
    const template = `{args.${argName}}`;
    if (parameter.location === 'path') pathArgs.set(parameter.name, template);
    else if (parameter.location === 'query') query[parameter.name] = template;
    else headers.push({ name: parameter.name.toLowerCase(), value: template });
  }

  let missing: string | undefined;
  const path = operation.path.replace(/\{([^}]*)\}/g, (_whole, parameter: string) => {
    const template = pathArgs.get(parameter);
    if (template === undefined) missing ??= parameter;
    return template ?? '';
  });
  if (missing !== undefined) {
    notes.add(where, `the path placeholder {${missing}} has no path parameter; the operation is left out`);
    return undefined;
  }

  let body: string | undefined;
  if (operation.body) {
    if (operation.method === 'GET' || operation.method === 'DELETE') {
      notes.add(where, `a request body is not sent with ${operation.method}; left out`);
    } else if (operation.body.schema === undefined) {
      notes.add(where, `its optional body is ${operation.body.mediaTypes.join(', ')}, which @rest cannot send; left out`);
    } else {
      const argName = argNames.claim('input');
      const mapped = mapper.map(operation.body.schema, `${typeName(name)}Body`, 'input', `${where} request body`);
      args.push(inputValueDefinition({ name: argName, type: operation.body.required ? nonNull(mapped.type) : mapped.type }));
      body = `{args.${argName}}`;
    }
  }

  let returns: MappedType;
  let summary = operation.summary;
  if (!response) {
    notes.add(where, 'declares no 2xx answer; typed as JSON');
    returns = mapper.map(undefined, '', 'output', where);
  } else if (response.schema === undefined) {
    returns = mapper.map(undefined, '', 'output', where);
    summary = [summary, `Answers no content (HTTP ${response.status}): null when the call succeeded.`].filter(Boolean).join('\n\n');
  } else {
    returns = mapper.map(response.schema, `${typeName(name)}Response`, 'output', `${where} answer`);
  }

  const directives: ConstDirectiveNode[] = [
    directive('rest', {
      source: mapping.sourceName,
      method: operation.method === 'GET' ? undefined : new EnumLiteral(operation.method),
      path,
      query: Object.keys(query).length > 0 ? query : undefined,
      body,
      headers: headers.length > 0 ? headers : undefined,
    }),
  ];
  if (operation.deprecated) directives.push(directive('deprecated', {}));
  return { root, field: fieldDefinition({ name, type: returns.type, description: summary, args, directives }), returns };
}

/** Scalars, enums and lists of them: what a path, query string or header can carry. */
function sendableParameter(mapped: MappedType, mapper: TypeMapper): boolean {
  const named = innermost(mapped.type);
  return named !== JSON_SCALAR && mapper.kindOf(named) !== Kind.INPUT_OBJECT_TYPE_DEFINITION;
}

function innermost(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : innermost(type.type);
}

/** `GET /pets/{petId}/toys` → `get pets by petId toys`, for operations without an operationId. */
function methodAndPathName(operation: ApiOperation): string {
  const path = operation.path.replace(/\{([^}]*)\}/g, ' by $1 ');
  return `${operation.method.toLowerCase()} ${path}`;
}
