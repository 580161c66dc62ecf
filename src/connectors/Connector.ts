import type { CacheStore } from '../cache/CacheStore';
import type { HttpTransport } from '../http/HttpTransport';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import type { FieldContext } from '../schema/FieldContext';
import type { FieldResolver } from '../execution/FieldResolver';
import type { ProblemList } from '../schema/SchemaProblem';
import type { SourceConfig, SourceSettings } from '../schema/SourceConfig';

/** What compiled resolvers may use at run time. */
export interface ConnectorRuntime {
  readonly transport: HttpTransport;
  /** Shared upstream cache (memory, or Redis with REDIS_URL). */
  readonly cache: CacheStore;
  readonly metrics: GatewayMetrics;
  /** Tokens each caller may spend on inference per hour; undefined for no budget. */
  readonly inferenceTokenBudgetPerHour?: number | undefined;
}

/** What a connector sees of one `@source` while compiling it. */
export interface SourceCompileInput {
  /** `@source(name)`, for problems. */
  readonly coordinate: string;
  readonly settings: SourceSettings;
  /** The connector's own argument, e.g. the `rest: { … }` object. */
  readonly args: Record<string, unknown>;
  /** Interpolates `{env.…}`; undefined (with a problem recorded) when it cannot. */
  readonly interpolate: (text: string, what: string) => string | undefined;
  readonly problems: ProblemList;
  /** Folder that relative file paths (e.g. a WSDL) are resolved against. */
  readonly baseDir: string;
}

/**
 * What the compile stage makes of one field directive: its plan (pure data: the call to make, how
 * to read the answer, its cache policy) and how the link stage binds that plan to the transport,
 * cache and metrics.
 */
export interface CompiledField {
  readonly plan: unknown;
  readonly link: (runtime: ConnectorRuntime) => FieldResolver;
  /**
   * For a Subscription field the connector feeds itself (a streamed model reply): its `subscribe`
   * (the field's source stream), with `link` giving the resolver of each event.
   */
  readonly stream?: (runtime: ConnectorRuntime) => StreamedField;
}

/** A Subscription field's two resolvers, as a connector that streams links them. */
export interface StreamedField {
  readonly subscribe: FieldResolver;
  readonly resolve: FieldResolver;
}

/** Compiles one field directive's arguments (pure); undefined, with problems recorded, when it cannot. */
export type FieldDirectiveCompiler = (context: FieldContext, args: Record<string, unknown>) => CompiledField | undefined;

/** A compiled field of a plan and the function that links it. */
export function compiledField<P>(
  plan: P | undefined,
  link: (plan: P, runtime: ConnectorRuntime) => FieldResolver,
): CompiledField | undefined {
  return plan === undefined ? undefined : { plan, link: (runtime) => link(plan, runtime) };
}

/** A compiled Subscription field that a connector streams, and the function that links it. */
export function compiledStream<P>(
  plan: P | undefined,
  link: (plan: P, runtime: ConnectorRuntime) => StreamedField,
): CompiledField | undefined {
  return plan === undefined
    ? undefined
    : { plan, link: (runtime) => link(plan, runtime).resolve, stream: (runtime) => link(plan, runtime) };
}

/**
 * One kind of upstream. A connector contributes its directive definitions, compiles its
 * `@source(<kind>: {…})` argument into a source config, and compiles its field directives into
 * plans that the link stage binds into resolvers. Registered in `connectors/connectors.ts`.
 */
export interface Connector {
  /** The `@source` argument naming this kind, e.g. `rest`. */
  readonly kind: SourceConfig['kind'];
  /** SDL of the connector's directives and their input types. */
  readonly typeDefs: string;
  /** Directive and type names removed from the served schema. */
  readonly gatewayNames: readonly string[];
  /** This kind's own defaults for the common `@source` settings, where they differ (e.g. a longer timeout). */
  readonly settingDefaults?: Partial<Omit<SourceSettings, 'name'>>;
  readonly compileSource: (input: SourceCompileInput) => Promise<SourceConfig | undefined> | SourceConfig | undefined;
  readonly fieldDirectives: Readonly<Record<string, FieldDirectiveCompiler>>;
}
