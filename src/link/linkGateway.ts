import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AccessRule } from '../auth/AccessRule';
import { describeRequirement } from '../auth/checkAccess';
import type { ConnectorRuntime } from '../connectors/Connector';
import { manyResolverOf, type ManyResolver } from '../execution/createLoadingResolver';
import type { FieldResolver } from '../execution/FieldResolver';
import type { EventBus } from '../subscriptions/EventBus';
import type { SubscriptionRuntime } from '../subscriptions/SubscriptionField';
import type { GatewayPlan } from './compileGateway';
import { withAccessCheck } from './withAccessCheck';
import { withErrorMapping, withManyErrorMapping } from './withErrorMapping';
import { withoutGatewayDirectives } from './withoutGatewayDirectives';
import '../execution/fieldExtensions';

/**
 * The link stage: binds a compiled plan to the transport (each source's retry policy, breaker and
 * credentials), the cache and the metrics, and attaches the resolvers — access check outermost,
 * every resolver's errors through the one mapping, and for an unguarded upstream field its
 * many-parents form for the compiled executor; each Subscription field's event source is bound
 * to the event bus. Returns the schema to serve, without the configuration directives.
 */
export function linkGateway(plan: GatewayPlan, runtime: ConnectorRuntime, events: EventBus): GraphQLSchema {
  for (const source of plan.sources.values()) {
    runtime.transport.configure(source.name, source.resilience);
    if (source.auth?.oauth2) runtime.transport.useClientCredentials(source.name, source.auth.oauth2);
  }
  const linked = new Map<string, FieldResolver>();
  const many = new Map<string, ManyResolver>();
  for (const [coordinate, field] of plan.fields) {
    const resolver = field.link(runtime);
    linked.set(coordinate, resolver);
    const resolveMany = manyResolverOf(resolver);
    if (resolveMany) many.set(coordinate, withManyErrorMapping(resolveMany));
  }
  const rules = plan.accessRules;
  const subscriptionRuntime: SubscriptionRuntime = {
    bus: events,
    upstreamOf: (coordinate) => manyResolverOf(linked.get(coordinate)),
    streamOf: (coordinate) => plan.fields.get(coordinate)?.stream?.(runtime),
  };
  const schema = mapSchema(plan.declared, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const coordinate = `${typeName}.${fieldName}`;
      const rule = rules.get(coordinate);
      const subscription = plan.subscriptions.get(coordinate)?.link(subscriptionRuntime);
      if (subscription) {
        // Checked when the subscription starts (refused before any event) and again for each event.
        const guard = (resolver: FieldResolver) => withErrorMapping(rule ? withAccessCheck(rule, resolver) : resolver);
        return {
          ...fieldConfig,
          description: rule ? describeAccess(fieldConfig.description, rule) : fieldConfig.description,
          subscribe: guard(subscription.subscribe) as GraphQLFieldResolver<unknown, unknown>,
          resolve: guard(subscription.resolve) as GraphQLFieldResolver<unknown, unknown>,
        };
      }
      // Compiled, hand-written or default: whatever resolves the field, its errors go through the
      // one mapping (toGraphQLError), the access check's included.
      let resolve = linked.get(coordinate) ?? (fieldConfig.resolve as FieldResolver | undefined);
      if (rule) resolve = withAccessCheck(rule, resolve ?? (defaultFieldResolver as FieldResolver));
      if (!resolve) return fieldConfig;
      // A guarded field is checked per parent; an unguarded upstream field may resolve a whole list at once.
      const resolveMany = rule ? undefined : many.get(coordinate);
      return {
        ...fieldConfig,
        description: rule ? describeAccess(fieldConfig.description, rule) : fieldConfig.description,
        resolve: withErrorMapping(resolve) as GraphQLFieldResolver<unknown, unknown>,
        ...(resolveMany ? { extensions: { ...fieldConfig.extensions, resolveMany } } : {}),
      };
    },
  });
  return withoutGatewayDirectives(schema);
}

/** What a field requires shows in its description, so a partner exploring the schema sees it. */
function describeAccess(description: string | null | undefined, rule: AccessRule): string {
  const needs = rule.requirements.map(describeRequirement).join('; and ');
  return `${description ? `${description}\n\n` : ''}Requires: ${needs}.`;
}
