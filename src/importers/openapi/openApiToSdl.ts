import { Kind, print, type DefinitionNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { GATEWAY_NAMES } from '../../link/directiveTypeDefs';
import { NameRegistry } from './GraphQLNames';
import { ImportNotes } from './ImportNotes';
import { mapOperation } from './mapOperation';
import { constantCase, mapSecurity, type EnvVariable } from './mapSecurity';
import type { ApiDocument } from './OpenApiDocument';
import { description, directive, fieldDefinition, nameNode, namedType } from './sdlAst';
import { suggestBatchKey, type BatchKeySuggestion } from './suggestBatchKey';
import { JSON_SCALAR, TypeMapper } from './TypeMapper';

export interface OpenApiSdl {
  /** SDL to review and put in the schema folder: `@source`, one `@rest` field per operation, the types they use. */
  readonly sdl: string;
  /** Everything not mapped, or mapped with a caveat; also atop the SDL as `# NOTE:` lines. */
  readonly notes: readonly string[];
  /** The env variables the `@source` reads (server URL, credentials); the gateway refuses to start without them. */
  readonly envVariables: readonly EnvVariable[];
  /** Fields made, by root type. */
  readonly fields: { readonly Query: number; readonly Mutation: number };
  readonly batchKeySuggestions: readonly BatchKeySuggestion[];
}

export interface OpenApiImportOptions {
  /** The `@source` name the fields refer to. */
  readonly sourceName: string;
  /** Problems the parser's validation found, reported as notes. */
  readonly validationProblems?: readonly string[];
}

const RESERVED = ['Query', 'Mutation', 'Subscription', 'String', 'Int', 'Float', 'Boolean', 'ID', JSON_SCALAR, ...GATEWAY_NAMES];

/**
 * Turns an OpenAPI document into SDL for the gateway (see docs/openapi.md for the rules). Pure:
 * reading the document is `readOpenApi`'s job. The SDL is built as a graphql-js document and printed.
 */
export function openApiToSdl(document: ApiDocument, options: OpenApiImportOptions): OpenApiSdl {
  const { sourceName } = options;
  const notes = new ImportNotes();
  for (const problem of options.validationProblems ?? []) notes.add('validation', problem);
  for (const omission of document.omissions) notes.add(omission.where, omission.message);
  for (const skipped of document.skippedOperations)
    notes.add(`${skipped.method} ${skipped.path}`, '@rest cannot send this method, so the operation is left out');

  const mapper = new TypeMapper((ref) => document.resolveRef(ref), new NameRegistry(RESERVED), notes);
  const roots = { Query: [] as FieldDefinitionNode[], Mutation: [] as FieldDefinitionNode[] };
  const rootNames = { Query: new NameRegistry(), Mutation: new NameRegistry() };
  const batchKeySuggestions: BatchKeySuggestion[] = [];
  for (const operation of document.operations) {
    const mapped = mapOperation(operation, { sourceName, mapper, notes, rootNames });
    if (!mapped) continue;
    roots[mapped.root].push(mapped.field);
    const suggestion = suggestBatchKey(document, operation, mapped.field.name.value, mapped.returns.type, sourceName);
    if (suggestion) {
      batchKeySuggestions.push(suggestion);
      notes.add(
        `Query.${suggestion.field}`,
        `filters by a list of ids (query "${suggestion.parameter}"): a field that loads one ${suggestion.itemType} per parent can batch N parents into one call, e.g. ${suggestion.directive}`,
      );
    }
  }
  if (roots.Query.length === 0) {
    // A GraphQL schema needs a Query type with a field (graphql-js assertValidSchema).
    notes.add('Query', 'no GET operation could be mapped; Query has only a placeholder field, _empty');
    roots.Query.push(
      fieldDefinition({ name: '_empty', type: namedType('Boolean'), description: 'Placeholder: the document has no GET operation.' }),
    );
  }

  const security = mapSecurity(document, sourceName, notes);
  const urlVariable = `${constantCase(sourceName)}_URL`;
  const envVariables: EnvVariable[] = [
    { name: urlVariable, description: `the API's base URL${document.servers[0] ? `, e.g. ${document.servers[0]}` : ''}` },
    ...security.envVariables,
  ];

  const definitions: DefinitionNode[] = [
    {
      kind: Kind.SCHEMA_EXTENSION,
      directives: [
        directive('source', {
          name: sourceName,
          rest: { baseURL: `{env.${urlVariable}}`, headers: security.headers.length > 0 ? security.headers : undefined },
          auth: security.oauth2 ? { oauth2: security.oauth2 } : undefined,
        }),
      ],
      operationTypes: [],
    },
  ];
  for (const root of ['Query', 'Mutation'] as const) {
    if (roots[root].length > 0) {
      definitions.push({ kind: Kind.OBJECT_TYPE_DEFINITION, name: nameNode(root), fields: roots[root], interfaces: [], directives: [] });
    }
  }
  definitions.push(...mapper.definitions);
  if (mapper.usesJson) {
    definitions.push({
      kind: Kind.SCALAR_TYPE_DEFINITION,
      name: nameNode(JSON_SCALAR),
      description: description('Any JSON value: what the OpenAPI document leaves free-form, or GraphQL cannot type.'),
    });
  }
  const sdl: DocumentNode = { kind: Kind.DOCUMENT, definitions };
  const header = [
    `# Imported from ${document.title ?? 'an OpenAPI document'} (${document.version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${document.version}`}) by npm run import:openapi.`,
    '# Environment variables the gateway needs:',
    ...envVariables.map((variable) => `#   ${variable.name}: ${variable.description}`),
    ...notes.list.map((note) => `# NOTE: ${note.replace(/\s*\n\s*/g, ' ')}`),
  ];
  return {
    sdl: `${header.join('\n')}\n\n${print(sdl)}\n`,
    notes: notes.list,
    envVariables,
    fields: { Query: roots.Query.length, Mutation: roots.Mutation.length },
    batchKeySuggestions,
  };
}
