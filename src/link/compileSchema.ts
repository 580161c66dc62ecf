import type { GraphQLSchema } from 'graphql';
import type { CacheStore } from '../cache/CacheStore';
import type { HttpTransport } from '../http/HttpTransport';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import type { SchemaProblem } from '../schema/SchemaProblem';
import type { SourceConfig } from '../schema/SourceConfig';
import { createEventBus, type EventBus } from '../subscriptions/EventBus';
import type { WebhookSource } from '../subscriptions/webhooks/WebhookSource';
import { compileGateway, type CompileGatewayOptions } from './compileGateway';
import { linkGateway } from './linkGateway';

export interface CompileSchemaOptions extends CompileGatewayOptions {
  readonly transport: HttpTransport;
  readonly cache: CacheStore;
  readonly metrics: GatewayMetrics;
  /** Tokens each caller may spend on inference per hour; undefined for no budget. */
  readonly inferenceTokenBudgetPerHour?: number | undefined;
  /** Where webhook events are published and subscribed to; by default this process's memory. */
  readonly events?: EventBus;
}

export interface CompiledSchema {
  readonly schema: GraphQLSchema;
  readonly sources: ReadonlyMap<string, SourceConfig>;
  /** `Type.field` coordinates guarded by an access rule (object fields, and interface fields any implementation guards), or answering per caller. */
  readonly protectedFields: ReadonlySet<string>;
  /** What compiles but a reviewer should hear about (e.g. a protected non-null field). */
  readonly warnings: readonly SchemaProblem[];
  /** `Type.field` → source, for every field a connector binds to an upstream. */
  readonly upstreamFields: ReadonlyMap<string, string>;
  /** The upstreams that may push events to `/webhooks/<name>`. */
  readonly webhookSources: ReadonlyMap<string, WebhookSource>;
}

/**
 * Compiles a schema folder (`compileGateway`, pure) and links it (`linkGateway`), once, at
 * startup. Nothing re-reads directives per request.
 */
export async function compileSchema(options: CompileSchemaOptions): Promise<CompiledSchema> {
  const plan = await compileGateway(options);
  const schema = linkGateway(
    plan,
    {
      transport: options.transport,
      cache: options.cache,
      metrics: options.metrics,
      inferenceTokenBudgetPerHour: options.inferenceTokenBudgetPerHour,
    },
    options.events ?? createEventBus({ channelPrefix: 'events' }),
  );
  return {
    schema,
    sources: plan.sources,
    protectedFields: plan.protectedFields,
    warnings: plan.warnings,
    upstreamFields: plan.upstreamFields,
    webhookSources: plan.webhookSources,
  };
}
