import { Kind, print, type ConstDirectiveNode, type DefinitionNode, type FieldDefinitionNode } from 'graphql';
import { GATEWAY_NAMES } from '../../link/directiveTypeDefs';
import type { WsdlDefinition } from '../../connectors/soap/wsdl/WsdlModel';
import { XsdResolver } from '../../connectors/soap/wsdl/XsdResolver';
import { camelCase, NameRegistry, upperSnakeCase } from './graphqlNames';
import { operationField } from './operationField';
import { directive, nameNode } from './sdlNodes';
import { UNTYPED_SCALAR } from './xsdScalars';
import { XsdTypeMapper } from './XsdTypeMapper';

export interface WsdlSdl {
  /** SDL to review and move into `schema/`: `@source`, types, and one `@soap` field per operation. */
  readonly sdl: string;
  /** Everything that could not be mapped, or was mapped with a caveat; also atop the SDL as `# NOTE:` lines. */
  readonly notes: string[];
}

export interface WsdlToSdlOptions {
  /**
   * Name patterns (`*` for any characters) of the operations that only read: they become
   * idempotent Query fields, which are deduplicated, retried and cacheable; all others Mutations.
   * Without patterns, operations named Get…, List…, Find…, Search…, Query… or Check… are.
   */
  readonly queryOperations?: readonly string[];
  /** `@cacheControl(maxAge:)` for those Query fields, so their answers are cached. */
  readonly cacheMaxAgeSeconds?: number;
}

/** Operations whose names read as questions become Query fields (idempotent); all others are Mutations. */
const QUERY_OPERATION = /^(?:[Gg]et|[Ll]ist|[Ff]ind|[Ss]earch|[Qq]uery|[Cc]heck)(?![a-z])/;
const SOURCE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const RESERVED_TYPE_NAMES: readonly string[] = [
  'Query',
  'Mutation',
  'Subscription',
  'String',
  'Int',
  'Float',
  'Boolean',
  'ID',
  UNTYPED_SCALAR,
];

/** `Get*,List*` as one regular expression; `*` is any run of characters, the rest is literal. */
export function operationPattern(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((pattern) =>
    pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

/**
 * Writes SDL for every SOAP operation of a WSDL (as read by `readWsdl`): a `@source` for it, enums,
 * object and input types from the XSD, and one `@soap` field per operation, under `extend type
 * Query` (idempotent) or `extend type Mutation`. The document is built as a graphql-js AST and
 * printed; what cannot be mapped is left out and named in `notes`. Pure.
 */
export function wsdlToSdl(wsdl: WsdlDefinition, sourceName: string, wsdlPath: string, options: WsdlToSdlOptions = {}): WsdlSdl {
  if (!SOURCE_NAME.test(sourceName)) throw new RangeError(`source name "${sourceName}" must be an identifier (letters, digits, _ and -)`);
  const notes: string[] = [...wsdl.notes];
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };
  const resolver = new XsdResolver(wsdl.xsd);
  const mapper = new XsdTypeMapper(wsdl, resolver, new NameRegistry([...RESERVED_TYPE_NAMES, ...GATEWAY_NAMES]), note);
  const isQuery = options.queryOperations ? operationPattern(options.queryOperations) : QUERY_OPERATION;

  const roots = { Query: [] as FieldDefinitionNode[], Mutation: [] as FieldDefinitionNode[] };
  const rootNames = { Query: new NameRegistry(), Mutation: new NameRegistry() };
  const addresses = new Set<string>();
  for (const operation of wsdl.operations.values()) {
    if (operation.address) addresses.add(operation.address);
    const wantsQuery = isQuery.test(operation.name);
    const mapped = operationField(
      operation,
      camelCase(operation.name),
      { idempotent: wantsQuery, maxAgeSeconds: options.cacheMaxAgeSeconds },
      { mapper, resolver, sourceName, note },
    );
    if (!mapped) continue;
    const root = wantsQuery && !mapped.acknowledgement ? 'Query' : 'Mutation';
    if (wantsQuery && mapped.acknowledgement) note(`operation ${operation.name}: answers no data, so it is a Mutation returning Boolean`);
    roots[root].push({ ...mapped.field, name: nameNode(rootNames[root].claim(mapped.field.name.value)) });
  }
  if (addresses.size > 1)
    note(
      `operations are served at ${addresses.size} addresses (${[...addresses].join(', ')}); a source has one endpoint, so declare one source per address`,
    );
  if (wsdl.operations.size === 0) note('the WSDL has no SOAP operations that can be called');

  const source: ConstDirectiveNode = directive('source', {
    name: sourceName,
    soap: { wsdl: wsdlPath, endpoint: `{env.${upperSnakeCase(sourceName)}_URL}` },
  });
  const definitions: DefinitionNode[] = [
    { kind: Kind.SCHEMA_EXTENSION, directives: [source] },
    ...mapper.definitions(),
    ...(['Query', 'Mutation'] as const)
      .filter((root) => roots[root].length > 0)
      .map((root): DefinitionNode => ({ kind: Kind.OBJECT_TYPE_EXTENSION, name: nameNode(root), fields: roots[root] })),
  ];
  const header = [
    `# Generated by npm run import:wsdl from ${wsdlPath}: review, then move into schema/.`,
    '# extend type Query / Mutation need those types declared once in schema/.',
    ...notes.map((text) => `# NOTE: ${text.replace(/\s*\n\s*/g, ' ')}`),
    ...[...addresses].map((address) => `# The WSDL's service address: ${address}`),
  ];
  return { sdl: `${header.join('\n')}\n${print({ kind: Kind.DOCUMENT, definitions })}\n`, notes };
}
