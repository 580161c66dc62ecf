import { makeExecutableSchema } from '@graphql-tools/schema';
import { getDirective, MapperKind, mapSchema, type IResolvers } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  GraphQLSchema,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  isIntrospectionType,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLUnionType,
} from 'graphql';
import type { AccessRule } from '../auth/AccessRule';
import { describeRequirement } from '../auth/checkAccess';
import { compileAccessRule } from '../auth/compileAccessRule';
import { withAccessCheck } from '../auth/withAccessCheck';
import { CONNECTORS } from '../connectors/connectors';
import type { ConnectorRuntime, FieldDirectiveCompiler } from '../connectors/Connector';
import type { CacheStore } from '../cache/CacheStore';
import type { HttpTransport } from '../http/HttpTransport';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import { compileMapField } from '../mapping/compileMapField';
import { compileMoneyField } from '../mapping/compileMoneyField';
import { compileSources, interpolateEnv, type Environment } from './compileSources';
import { forwardsIdentity } from '../http/credentials/SourceAuth';
import { directiveTypeDefs } from './directiveTypeDefs';
import { withoutGatewayDirectives } from './withoutGatewayDirectives';
import type { FieldContext } from './FieldContext';
import type { FieldResolver } from './FieldResolver';
import { ProblemList, type SchemaProblem } from './SchemaProblem';
import type { SourceConfig } from './SourceConfig';
import { withErrorMapping, withManyErrorMapping } from './withErrorMapping';
import { manyResolverOf, type ManyResolver } from '../execution/createLoadingResolver';
import '../execution/plan/fieldExtensions';
import { createEventBus, type EventBus } from '../subscriptions/EventBus';
import { compileSubscriptionFields } from '../subscriptions/compileSubscriptionFields';
import { compileWebhookSources } from '../subscriptions/webhooks/compileWebhookSources';
import type { WebhookSource } from '../subscriptions/webhooks/WebhookSource';

export interface CompileSchemaOptions {
  readonly typeDefs: readonly (string | DocumentNode)[];
  readonly env: Environment;
  readonly transport: HttpTransport;
  readonly cache: CacheStore;
  readonly metrics: GatewayMetrics;
  /** Tokens each caller may spend on inference per hour; undefined for no budget. */
  readonly inferenceTokenBudgetPerHour?: number | undefined;
  /** Folder that relative paths in @source (e.g. a WSDL file) are resolved against. */
  readonly baseDir?: string;
  /** Hand-written resolvers (typed by GraphQL Code Generator) for what directives cannot express. */
  readonly resolvers?: IResolvers;
  /** Where webhook events are published and subscribed to; by default this process's memory. */
  readonly events?: EventBus;
}

export interface CompiledSchema {
  readonly schema: GraphQLSchema;
  readonly sources: ReadonlyMap<string, SourceConfig>;
  /** `Type.field` coordinates guarded by an access rule (object fields, and interface fields any implementation guards). */
  readonly protectedFields: ReadonlySet<string>;
  /** What compiles but a reviewer should hear about (e.g. a protected non-null field). */
  readonly warnings: readonly SchemaProblem[];
  /** `Type.field` → source, for every field a connector binds to an upstream. */
  readonly upstreamFields: ReadonlyMap<string, string>;
  /** The upstreams that may push events to `/webhooks/<name>`. */
  readonly webhookSources: ReadonlyMap<string, WebhookSource>;
}

/** Every field directive that gives a field its resolver: the connectors' and the mappings'. */
const FIELD_DIRECTIVES: Readonly<Record<string, FieldDirectiveCompiler>> = {
  ...Object.fromEntries(CONNECTORS.flatMap((connector) => Object.entries(connector.fieldDirectives))),
  map: (context, args) => compileMapField(context, args),
  money: (context, args) => compileMoneyField(context, args),
};

/**
 * Compiles a schema once, at startup: reads every directive, validates them all together (a
 * `SchemaCompileError` lists each problem with its coordinate), and attaches the resolvers.
 * Nothing re-reads directives per request.
 */
export async function compileSchema(options: CompileSchemaOptions): Promise<CompiledSchema> {
  const resolvers = options.resolvers ?? {};
  const declared = makeExecutableSchema({
    typeDefs: [directiveTypeDefs, ...options.typeDefs],
    resolvers,
    // Reported below as problems with coordinates, together with everything else.
    resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' },
  });
  const problems = new ProblemList();
  checkResolversMatchSchema(declared, resolvers, problems);
  const sources = await compileSources(declared, options.env, problems, options.baseDir ?? process.cwd());
  for (const source of sources.values()) {
    if (!source) continue;
    options.transport.configure(source.name, source.resilience);
    if (source.auth?.oauth2) options.transport.useClientCredentials(source.name, source.auth.oauth2);
  }
  const runtime: ConnectorRuntime = {
    transport: options.transport,
    cache: options.cache,
    metrics: options.metrics,
    inferenceTokenBudgetPerHour: options.inferenceTokenBudgetPerHour,
  };
  const compiled = new Map<string, FieldResolver>();
  const rules = new Map<string, AccessRule>();
  const many = new Map<string, ManyResolver>();
  const callerDependent = new Set<string>();
  const upstreamFields = new Map<string, string>();
  const handWritten = new Set<string>();

  for (const type of Object.values(declared.getTypeMap())) {
    if (isUnionType(type)) refuseUnionAccessRules(declared, type, problems);
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const isRootType = [declared.getQueryType(), declared.getMutationType(), declared.getSubscriptionType()].includes(type);
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const context: FieldContext = { schema: declared, type, field, coordinate, isRootType, sources, problems };
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
      const resolver = FIELD_DIRECTIVES[directive]?.(context, args, runtime);
      if (resolver) compiled.set(coordinate, withErrorMapping(resolver));
      const resolveMany = manyResolverOf(resolver);
      if (resolveMany) many.set(coordinate, withManyErrorMapping(resolveMany));
    }
  }
  const webhookSources = compileWebhookSources(declared, (text, where) => interpolateEnv(text, options.env, where, problems), problems);
  const subscriptionFields = compileSubscriptionFields({
    schema: declared,
    sources,
    webhookSources,
    bus: options.events ?? createEventBus({ channelPrefix: 'events' }),
    upstreams: many,
    callerDependent,
    handWritten,
    problems,
  });
  problems.throwIfAny();

  const schema = mapSchema(declared, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const coordinate = `${typeName}.${fieldName}`;
      const rule = rules.get(coordinate);
      const subscription = subscriptionFields.get(coordinate);
      if (subscription) {
        // Checked when the subscription starts (refused before any event) and again for each event.
        const guard = (resolver: FieldResolver) => (rule ? withAccessCheck(rule, resolver) : resolver);
        return {
          ...fieldConfig,
          description: rule ? describeAccess(fieldConfig.description, rule) : fieldConfig.description,
          subscribe: guard(withErrorMapping(subscription.subscribe)) as GraphQLFieldResolver<unknown, unknown>,
          resolve: guard(withErrorMapping(subscription.resolve)) as GraphQLFieldResolver<unknown, unknown>,
        };
      }
      let resolve = compiled.get(coordinate);
      if (rule)
        resolve = withAccessCheck(
          rule,
          resolve ?? (fieldConfig.resolve as FieldResolver | undefined) ?? (defaultFieldResolver as FieldResolver),
        );
      if (!resolve) return fieldConfig;
      // A guarded field is checked per parent; an unguarded upstream field may resolve a whole list at once.
      const resolveMany = rule ? undefined : many.get(coordinate);
      return {
        ...fieldConfig,
        description: rule ? describeAccess(fieldConfig.description, rule) : fieldConfig.description,
        resolve: resolve as GraphQLFieldResolver<unknown, unknown>,
        ...(resolveMany ? { extensions: { ...fieldConfig.extensions, resolveMany } } : {}),
      };
    },
  });
  const compiledSources = new Map<string, SourceConfig>();
  for (const [name, source] of sources) if (source) compiledSources.set(name, source);
  const served = withoutGatewayDirectives(schema);
  return {
    schema: served,
    sources: compiledSources,
    protectedFields: new Set([...protectedCoordinates(served, rules), ...callerDependent]),
    warnings: protectedNonNullFields(declared, rules),
    upstreamFields,
    webhookSources,
  };
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
    const reachedAbstractly =
      type.getInterfaces().length > 0 ||
      Object.values(schema.getTypeMap()).some((other) => isUnionType(other) && other.getTypes().includes(type));
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

/** What a field requires shows in its description, so a partner exploring the schema sees it. */
function describeAccess(description: string | null | undefined, rule: AccessRule): string {
  const needs = rule.requirements.map(describeRequirement).join('; and ');
  return `${description ? `${description}\n\n` : ''}Requires: ${needs}.`;
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
