import { getDocumentNodeFromSchema } from '@graphql-tools/utils';
import {
  getNamedType,
  isSpecifiedScalarType,
  Kind,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type NameNode,
  type TypeDefinitionNode,
} from 'graphql';

export interface ImportedSdl {
  /** SDL to review and move into `schema/`. */
  readonly sdl: string;
  /** What was left out, and why. */
  readonly notes: readonly string[];
  /** The environment variable the `@source` reads the service's URL from. */
  readonly urlVariable: string;
}

/** Directives of the service that keep their meaning in the gateway's schema. */
const KEPT_DIRECTIVES = new Set(['deprecated', 'specifiedBy', 'oneOf']);

const name = (value: string): NameNode => ({ kind: Kind.NAME, value });

/**
 * The SDL that binds a GraphQL service: an `@source`, the service's types under their own names
 * (a selection sent upstream names them in fragments), and its root fields on `Query` and
 * `Mutation`, each delegated with `@graphql`. Built as a graphql-js document and printed. Pure.
 */
export function graphqlSchemaToSdl(schema: GraphQLSchema, sourceName: string): ImportedSdl {
  const notes: string[] = [];
  const urlVariable = `${sourceName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
  const roots = new Map<string, 'Query' | 'Mutation' | 'Subscription'>();
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) roots.set(query.name, 'Query');
  if (mutation) roots.set(mutation.name, 'Mutation');
  if (subscription) roots.set(subscription.name, 'Subscription');

  const definitions: DefinitionNode[] = [
    {
      kind: Kind.SCHEMA_EXTENSION,
      directives: [
        directive('source', {
          name: sourceName,
          graphql: { url: `{env.${urlVariable}}` },
        }),
      ],
    },
  ];
  const document = getDocumentNodeFromSchema(schema);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
      if (!KEPT_DIRECTIVES.has(definition.name.value)) notes.push(`directive @${definition.name.value} of the service is not carried over`);
      continue;
    }
    if (!isTypeDefinition(definition) || roots.has(definition.name.value)) continue;
    const type = schema.getType(definition.name.value);
    if (type !== undefined && type !== null && isSpecifiedScalarType(type)) continue;
    definitions.push(withoutServiceDirectives(definition, roots, notes));
  }
  for (const [root, operation] of [
    [query, 'Query'],
    [mutation, 'Mutation'],
  ] as const) {
    if (!root) continue;
    const node = document.definitions.find((definition) => isTypeDefinition(definition) && definition.name.value === root.name);
    const fields = node?.kind === Kind.OBJECT_TYPE_DEFINITION ? rootFields(node.fields ?? [], root, sourceName, roots, notes) : [];
    if (fields.length > 0) definitions.push({ kind: Kind.OBJECT_TYPE_EXTENSION, name: name(operation), fields });
  }
  if (subscription) notes.push(`subscription fields of ${subscription.name} are not imported: @graphql serves queries and mutations`);
  return { sdl: `${print({ kind: Kind.DOCUMENT, definitions })}\n`, notes, urlVariable };
}

/** A root type's fields, each delegated to the field of the same name. */
function rootFields(
  nodes: readonly FieldDefinitionNode[],
  root: GraphQLObjectType,
  sourceName: string,
  roots: ReadonlyMap<string, string>,
  notes: string[],
): FieldDefinitionNode[] {
  const fields: FieldDefinitionNode[] = [];
  for (const field of nodes) {
    const type = getNamedType(root.getFields()[field.name.value]?.type);
    if (type && roots.has(type.name)) {
      notes.push(`${root.name}.${field.name.value} returns the root type ${type.name} and is not imported`);
      continue;
    }
    fields.push({
      ...field,
      directives: [...keptDirectives(field.directives), directive('graphql', { source: sourceName })],
    });
  }
  return fields;
}

function withoutServiceDirectives(definition: TypeDefinitionNode, roots: ReadonlyMap<string, string>, notes: string[]): TypeDefinitionNode {
  const stripped = { ...definition, directives: keptDirectives(definition.directives) } as TypeDefinitionNode;
  if (stripped.kind !== Kind.OBJECT_TYPE_DEFINITION && stripped.kind !== Kind.INTERFACE_TYPE_DEFINITION) return stripped;
  const fields = (stripped.fields ?? []).filter((field) => {
    const typeName = namedTypeOf(field.type);
    if (!roots.has(typeName)) return true;
    notes.push(`${stripped.name.value}.${field.name.value} returns the root type ${typeName} and is not imported`);
    return false;
  });
  return { ...stripped, fields: fields.map((field) => ({ ...field, directives: keptDirectives(field.directives) })) };
}

function namedTypeOf(type: FieldDefinitionNode['type']): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

function keptDirectives(directives: readonly ConstDirectiveNode[] | undefined): ConstDirectiveNode[] {
  return (directives ?? []).filter((node) => KEPT_DIRECTIVES.has(node.name.value));
}

function isTypeDefinition(definition: DefinitionNode): definition is TypeDefinitionNode {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.SCALAR_TYPE_DEFINITION:
      return true;
    default:
      return false;
  }
}

/** A directive with literal arguments: strings and objects of strings. */
function directive(directiveName: string, args: Record<string, string | Record<string, string>>): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: name(directiveName),
    arguments: Object.entries(args).map(([argument, value]) => ({
      kind: Kind.ARGUMENT,
      name: name(argument),
      value:
        typeof value === 'string'
          ? { kind: Kind.STRING, value }
          : {
              kind: Kind.OBJECT,
              fields: Object.entries(value).map(([field, text]) => ({
                kind: Kind.OBJECT_FIELD,
                name: name(field),
                value: { kind: Kind.STRING, value: text },
              })),
            },
    })),
  };
}
