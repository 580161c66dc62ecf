import { makeExecutableSchema } from '@graphql-tools/schema';
import { getDirective, type IResolvers } from '@graphql-tools/utils';
import { resolveUnionMember } from '../schema/resolveUnionMember';
import {
  GraphQLSchema,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  isIntrospectionType,
  type DocumentNode,
  type GraphQLUnionType,
} from 'graphql';
import type { AccessRule } from '../auth/AccessRule';
import { compileAccessRule } from '../auth/compileAccessRule';
import { CONNECTORS } from '../connectors/connectors';
import type { CompiledField, FieldDirectiveCompiler } from '../connectors/Connector';
import { compileMapField } from '../mapping/compileMapField';
import { compileMoneyField } from '../mapping/compileMoneyField';
import { forwardsIdentity } from '../schema/SourceAuth';
import type { FieldContext } from '../schema/FieldContext';
import { ProblemList, type SchemaProblem } from '../schema/SchemaProblem';
import type { SourceConfig } from '../schema/SourceConfig';
import { compileSources, interpolateEnv, type Environment } from './compileSources';
import { declaredTypeDefs } from './declaredTypeDefs';
import { compileSubgraphFields, ENTITY_UNION, entityTypeResolver } from '../federation/compileSubgraphFields';
import { refuseReferencesOutsideSubgraph } from '../federation/compileEntityReferences';
import { compileSubscriptionFields } from '../subscriptions/compileSubscriptionFields';
import type { CompiledSubscription } from '../subscriptions/SubscriptionField';
import { compileWebhookSources } from '../subscriptions/webhooks/compileWebhookSources';
import type { WebhookSource } from '../subscriptions/webhooks/WebhookSource';

export interface CompileGatewayOptions {
  readonly typeDefs: readonly (string | DocumentNode)[];
  readonly env: Environment;
  /** Folder that relative paths in @source (e.g. a WSDL file) are resolved against. */
  readonly baseDir?: string;
  /** Hand-written resolvers (typed by GraphQL Code Generator) for what directives cannot express. */
  readonly resolvers?: IResolvers;
}

/** What the compile stage makes of a schema folder: plain data, bound to nothing yet. */
export interface GatewayPlan {
  /** The schema as declared, with its configuration directives and hand-written resolvers. */
  readonly declared: GraphQLSchema;
  readonly sources: ReadonlyMap<string, SourceConfig>;
  /** `Type.field` → the plan of its field directive. */
  readonly fields: ReadonlyMap<string, CompiledField>;
  /** `Type.field` → who may read it. */
  readonly accessRules: ReadonlyMap<string, AccessRule>;
  /** `Type.field` coordinates guarded by an access rule (object fields, and interface fields any implementation guards), or answering per caller. */
  readonly protectedFields: ReadonlySet<string>;
  /** What compiles but a reviewer should hear about (e.g. a protected non-null field). */
  readonly warnings: readonly SchemaProblem[];
  /** `Type.field` → source, for every field a connector binds to an upstream. */
  readonly upstreamFields: ReadonlyMap<string, string>;
  /** Subscription fields and the event sources (`@webhook`, `@poll`, a connector's stream) that feed them. */
  readonly subscriptions: ReadonlyMap<string, CompiledSubscription>;
  /** The upstreams that may push events to `/webhooks/<name>`. */
  readonly webhookSources: ReadonlyMap<string, WebhookSource>;
}

/** Every field directive that gives a field its resolver: the connectors' and the mappings'. */
const FIELD_DIRECTIVES: Readonly<Record<string, FieldDirectiveCompiler>> = {
  ...Object.fromEntries(CONNECTORS.flatMap((connector) => Object.entries(connector.fieldDirectives))),
  map: (context, args) => {
    const resolve = compileMapField(context, args);
    return resolve && { plan: args, link: () => resolve };
  },
  money: (context, args) => {
    const resolve = compileMoneyField(context, args);
    return resolve && { plan: args, link: () => resolve };
  },
};

/**
 * The compile stage, pure: SDL and environment in; sources, field plans, access rules and
 * problems out — no socket, store or metric. Reads every directive once and validates them all
 * together: a `SchemaCompileError` lists each problem with its coordinate. `npm run check` stops
 * here; the gateway goes on to `linkGateway`.
 */
export async function compileGateway(options: CompileGatewayOptions): Promise<GatewayPlan> {
  const resolvers = options.resolvers ?? {};
  const problems = new ProblemList();
  // A schema that links the federation spec is served as a subgraph (docs/federation.md).
  const declaration = declaredTypeDefs(options.typeDefs, problems);
  problems.throwIfAny();
  const subgraph = declaration?.subgraph;
  const declared = makeExecutableSchema({
    typeDefs: [...(declaration?.typeDefs ?? [])],
    resolvers: subgraph ? [resolvers, entityTypeResolver] : resolvers,
    // Reported below as problems with coordinates, together with everything else.
    resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' },
  });
  checkResolversMatchSchema(declared, resolvers, problems);
  for (const type of Object.values(declared.getTypeMap())) {
    if (isUnionType(type) && !type.resolveType) type.resolveType = resolveUnionMember(declared, type);
  }
  const sources = await compileSources(declared, options.env, problems, options.baseDir ?? process.cwd());
  const fields = new Map<string, CompiledField>();
  const rules = new Map<string, AccessRule>();
  const callerDependent = new Set<string>();
  const upstreamFields = new Map<string, string>();
  const resolvedFields = resolvedCoordinates(declared, resolvers);
  const handWritten = new Set<string>();

  for (const type of Object.values(declared.getTypeMap())) {
    if (isUnionType(type)) refuseUnionAccessRules(declared, type, problems);
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const isRootType = [declared.getQueryType(), declared.getMutationType(), declared.getSubscriptionType()].includes(type);
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const context: FieldContext = { schema: declared, type, field, coordinate, isRootType, sources, problems, resolvedFields };
      const rule = compileAccessRule(declared, context);
      if (rule) rules.set(coordinate, rule);
      const present = Object.keys(FIELD_DIRECTIVES).filter((name) => (getDirective(declared, field, name)?.length ?? 0) > 0);
      if (present.length > 1) {
        problems.add(coordinate, `use one of ${present.map((name) => `@${name}`).join(', ')}, not several`);
        continue;
      }
      const custom = (resolvers as Record<string, Record<string, unknown> | undefined>)[type.name]?.[field.name];
      if (custom !== undefined) handWritten.add(coordinate);
      const [directive] = present;
      if (directive === undefined) continue;
      if (custom !== undefined) {
        problems.add(coordinate, `has both @${directive} and a hand-written resolver`);
        continue;
      }
      const args = getDirective(declared, field, directive)?.[0] ?? {};
      // A field whose source gets the caller's own token answers per caller: its responses are private.
      if (forwardsIdentity(sources.get(String(args['source']))?.auth)) callerDependent.add(coordinate);
      if (typeof args['source'] === 'string' && CONNECTORS.some((connector) => directive in connector.fieldDirectives))
        upstreamFields.set(coordinate, args['source']);
      const compiled = FIELD_DIRECTIVES[directive]?.(context, args);
      if (compiled) fields.set(coordinate, compiled);
    }
  }
  if (subgraph) {
    const subgraphFields = compileSubgraphFields(declared, subgraph.sdl, sources, problems, resolvedFields);
    for (const [coordinate, compiled] of subgraphFields.fields) fields.set(coordinate, compiled);
    for (const coordinate of subgraphFields.protectedFields) callerDependent.add(coordinate);
    for (const [coordinate, source] of subgraphFields.upstreamFields) upstreamFields.set(coordinate, source);
  } else refuseReferencesOutsideSubgraph(declared, problems);
  const webhookSources = compileWebhookSources(declared, (text, where) => interpolateEnv(text, options.env, where, problems), problems);
  const subscriptions = compileSubscriptionFields({
    schema: declared,
    sources,
    webhookSources,
    upstreams: new Set([...fields.keys()].filter((coordinate) => upstreamFields.has(coordinate))),
    streams: new Set([...fields].filter(([, compiled]) => compiled.stream !== undefined).map(([coordinate]) => coordinate)),
    callerDependent,
    handWritten,
    problems,
    resolvedFields,
  });
  // An event's value comes from its webhook source: a value that does not fit is that source's fault.
  const subscriptionType = declared.getSubscriptionType();
  for (const field of Object.values(subscriptionType?.getFields() ?? {})) {
    const source: unknown = getDirective(declared, field, 'webhook')?.[0]?.['source'];
    if (typeof source === 'string') upstreamFields.set(`${subscriptionType?.name}.${field.name}`, source);
  }
  problems.throwIfAny();

  const compiledSources = new Map<string, SourceConfig>();
  for (const [name, source] of sources) if (source) compiledSources.set(name, source);
  return {
    declared,
    sources: compiledSources,
    fields,
    accessRules: rules,
    protectedFields: new Set([...protectedCoordinates(declared, rules), ...callerDependent]),
    warnings: protectedNonNullFields(declared, rules),
    upstreamFields,
    subscriptions,
    webhookSources,
  };
}

/** Fields with a directive that gives them a resolver, or a hand-written resolver. */
function resolvedCoordinates(schema: GraphQLSchema, resolvers: IResolvers): ReadonlySet<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const custom = (resolvers as Record<string, Record<string, unknown> | undefined>)[type.name];
    for (const field of Object.values(type.getFields())) {
      const bound =
        custom?.[field.name] !== undefined ||
        field.astNode?.directives?.some((directive) => Object.hasOwn(FIELD_DIRECTIVES, directive.name.value));
      if (bound) coordinates.add(`${type.name}.${field.name}`);
    }
  }
  return coordinates;
}

/**
 * Apollo's authorization directives are not declared on unions: a rule there could only be
 * checked after the member is fetched. The directive definitions accept the location so that the
 * start can say so with the union's coordinate, instead of a bare SDL validation error.
 */
function refuseUnionAccessRules(schema: GraphQLSchema, union: GraphQLUnionType, problems: ProblemList): void {
  for (const name of ['authenticated', 'requiresScopes']) {
    if ((getDirective(schema, union, name)?.length ?? 0) === 0) continue;
    problems.add(
      union.name,
      `@${name} cannot be declared on a union (as in Apollo): declare it on the member types, or on the fields that return the union`,
    );
  }
}

/**
 * Non-null fields that a caller can be denied although it may read their parent: the denial's
 * null then takes the parent down with it (up to the nearest nullable field), and the caller
 * loses what it was allowed to see. Requirements the parent already had to pass (its type's,
 * its interfaces') cannot deny the field once the parent was read, so they do not count.
 */
function protectedNonNullFields(schema: GraphQLSchema, rules: ReadonlyMap<string, AccessRule>): SchemaProblem[] {
  const warnings: SchemaProblem[] = [];
  for (const [coordinate, rule] of rules) {
    const [typeName = '', fieldName = ''] = coordinate.split('.');
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const field = type.getFields()[fieldName];
    if (field === undefined || !isNonNullType(field.type)) continue;
    // Reached through a union or an interface, an object is fetched before its own type's rule is
    // known to apply (the runtime type comes from the answer): then that rule can deny its fields too.
    // (`_entities` checks its entity's type rule before loading: its union does not count.)
    const reachedAbstractly =
      type.getInterfaces().length > 0 ||
      Object.values(schema.getTypeMap()).some(
        (other) => isUnionType(other) && other.name !== ENTITY_UNION && other.getTypes().includes(type),
      );
    const inherited = new Set([...(reachedAbstractly ? [] : [type.name]), ...type.getInterfaces().map((iface) => iface.name)]);
    const own = rule.requirements.filter((requirement) => !inherited.has(requirement.declaredOn));
    if (own.length === 0) continue;
    warnings.push({
      coordinate,
      message: `is non-null but protected (${own.map((requirement) => requirement.declaredOn).join(', ')}): a caller denied it loses the whole ${type.name}; make it nullable`,
    });
  }
  return warnings;
}

/** Hand-written resolvers must name types and fields the schema declares (typos, stale resolvers). */
function checkResolversMatchSchema(schema: GraphQLSchema, resolvers: IResolvers, problems: ProblemList): void {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!type) {
      problems.add(typeName, 'has hand-written resolvers, but the schema declares no such type');
      continue;
    }
    if (!isObjectType(type) || typeof fields !== 'object' || fields === null) continue;
    for (const fieldName of Object.keys(fields)) {
      if (!fieldName.startsWith('__') && !type.getFields()[fieldName]) {
        problems.add(`${typeName}.${fieldName}`, 'has a hand-written resolver, but the schema declares no such field');
      }
    }
  }
}

/** Guarded coordinates; an interface field counts as guarded when any implementation guards it. */
function protectedCoordinates(schema: GraphQLSchema, rules: ReadonlyMap<string, AccessRule>): ReadonlySet<string> {
  const coordinates = new Set(rules.keys());
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInterfaceType(type)) continue;
    for (const implementation of schema.getPossibleTypes(type)) {
      for (const fieldName of Object.keys(type.getFields())) {
        if (rules.has(`${implementation.name}.${fieldName}`)) coordinates.add(`${type.name}.${fieldName}`);
      }
    }
  }
  return coordinates;
}
