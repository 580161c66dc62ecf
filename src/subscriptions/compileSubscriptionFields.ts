import { getDirective } from '@graphql-tools/utils';
import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { FieldContext } from '../schema/FieldContext';
import type { ProblemList } from '../schema/SchemaProblem';
import type { SourceConfig } from '../schema/SourceConfig';
import { compilePolledField } from './polling/compilePolledField';
import type { CompiledSubscription } from './SubscriptionField';
import { compileStreamedField } from './compileStreamedField';
import { compileWebhookField } from './webhooks/compileWebhookField';
import type { WebhookSource } from './webhooks/WebhookSource';

export interface SubscriptionFieldsInput {
  /** The schema as declared, directives included. */
  readonly schema: GraphQLSchema;
  readonly sources: ReadonlyMap<string, SourceConfig | undefined>;
  readonly webhookSources: ReadonlyMap<string, WebhookSource>;
  /** Coordinates of fields bound to an upstream by a connector (what @poll repeats). */
  readonly upstreams: ReadonlySet<string>;
  /** Coordinates of fields a connector streams itself (`@inference(stream: true)`). */
  readonly streams: ReadonlySet<string>;
  /** Coordinates whose upstream answers depend on the caller (its token is forwarded). */
  readonly callerDependent: ReadonlySet<string>;
  /** Coordinates with a hand-written resolver (which may bring its own `subscribe`). */
  readonly handWritten: ReadonlySet<string>;
  readonly problems: ProblemList;
  /** `Type.field` coordinates the gateway resolves itself. */
  readonly resolvedFields: ReadonlySet<string>;
}

/**
 * Compiles every Subscription field: each needs exactly one event source, `@webhook`, `@poll`
 * (with its @rest/@soap call) or a connector's own stream (`@inference(stream: true)`). `@webhook`
 * and `@poll` anywhere else are problems too.
 */
export function compileSubscriptionFields(input: SubscriptionFieldsInput): ReadonlyMap<string, CompiledSubscription> {
  const { schema, problems } = input;
  const subscriptionType = schema.getSubscriptionType();
  const compiled = new Map<string, CompiledSubscription>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type === subscriptionType || !(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      for (const name of ['webhook', 'poll']) {
        if ((getDirective(schema, field, name)?.length ?? 0) > 0)
          problems.add(`${type.name}.${field.name}`, `@${name} can only feed a field of the Subscription type`);
      }
    }
  }
  if (!subscriptionType) return compiled;
  for (const field of Object.values(subscriptionType.getFields())) {
    const coordinate = `${subscriptionType.name}.${field.name}`;
    const context: FieldContext = {
      schema,
      type: subscriptionType,
      field,
      coordinate,
      isRootType: true,
      sources: input.sources,
      problems,
      resolvedFields: input.resolvedFields,
    };
    const webhook = getDirective(schema, field, 'webhook')?.[0];
    const poll = getDirective(schema, field, 'poll')?.[0];
    const streamed = input.streams.has(coordinate);
    const declared = [webhook && '@webhook', poll && '@poll', streamed && '@inference(stream: true)'].filter(Boolean);
    if (declared.length > 1) {
      problems.add(coordinate, `use one event source of ${declared.join(', ')}, not several`);
      continue;
    }
    const subscription = webhook
      ? compileWebhookField(context, webhook, input.webhookSources)
      : poll
        ? compilePolledField(context, poll, input.upstreams.has(coordinate), input.callerDependent.has(coordinate))
        : streamed
          ? compileStreamedField(coordinate)
          : undefined;
    // A field whose directive did not compile has its problems already.
    if (declared.length === 0 && !input.handWritten.has(coordinate) && !problems.has(coordinate))
      problems.add(
        coordinate,
        'a Subscription field needs an event source: @webhook, @poll with @rest or @soap, or @inference(stream: true)',
      );
    if (subscription) compiled.set(coordinate, subscription);
  }
  return compiled;
}
