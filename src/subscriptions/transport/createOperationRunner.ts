import { Repeater } from '@graphql-yoga/subscription';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { LoaderRegistry } from '../../execution/LoaderRegistry';
import { responsePathSources, type UpstreamFields } from '../../execution/plan/responsePathSources';
import { withUpstreamValueErrors } from '../../execution/plan/withUpstreamValueErrors';
import { RequestAudit } from '../../execution/RequestAudit';
import type { RequestContext } from '../../execution/RequestContext';
import { expiryOf } from './expiryOf';
import { errorResult, formatResult, type FormatError } from './formatResult';
import { callerKey } from './callerKey';
import type { LiveSubscriptions } from './LiveSubscriptions';

/** An operation as a WebSocket or SSE client sends it. */
export interface OperationRequest {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
  readonly operationName?: string | null | undefined;
}

export interface OperationRunnerOptions {
  /** The schema being served now (a reload replaces it for the next operation). */
  readonly schema: () => GraphQLSchema;
  /** The query limits (depth, aliases, cost…) that HTTP requests get. */
  readonly validationRules: readonly ValidationRule[];
  readonly maxTokens: number;
  /** Deadline of the upstream calls made for one event (or one query over these transports). */
  readonly requestTimeoutMs: number;
  readonly formatError: FormatError;
  /** `Type.field` → source, for the fields bound to an upstream or a webhook source (of the schema served now). */
  readonly upstreamFields: () => UpstreamFields;
  readonly live: LiveSubscriptions;
  /** Told of each subscription's start and end, and of each event it delivers. */
  readonly observe?: {
    readonly started: () => void;
    readonly ended: (reason: 'completed' | 'token_expired') => void;
    readonly delivered: () => void;
    /** Refused: the caller already runs SUBSCRIPTIONS_PER_CALLER. */
    readonly refused: () => void;
  };
}

export interface OperationRunner {
  /** Parses and validates; coded errors (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED) when it cannot run. */
  prepare(request: OperationRequest, context: RequestContext): ExecutionArgs | readonly GraphQLError[];
  /** A subscription's stream of results, or the one result of a query, a mutation or a refused subscription. */
  run(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>>;
}

/**
 * What the WebSocket and SSE transports share: the same schema, limits and error formatting as
 * HTTP, and each event executed as a request of its own (fresh loaders, audit and deadline), so
 * an event's nested upstream calls are batched but never answered from an earlier event's loaders.
 * graphql-js runs these operations (`createSourceEventStream`, then `execute` per event); queries
 * and mutations over HTTP keep the compiled executor.
 */
export function createOperationRunner(options: OperationRunnerOptions): OperationRunner {
  const rules = [...specifiedRules, ...options.validationRules];
  const perEvent = (context: RequestContext): RequestContext => ({
    ...context,
    loaders: new LoaderRegistry(),
    audit: new RequestAudit(),
    deadline: Date.now() + options.requestTimeoutMs,
  });
  /** Errors of values that do not fit the schema name the source that sent them (UPSTREAM_BAD_RESPONSE), as over HTTP. */
  const formatterFor = (args: ExecutionArgs, operation: OperationDefinitionNode | null | undefined) => {
    const sources =
      operation === null || operation === undefined
        ? new Map<string, string>()
        : responsePathSources(args.schema, operation, fragmentsOf(args.document), options.upstreamFields());
    return (result: ExecutionResult) => formatResult(withUpstreamValueErrors(result, sources), options.formatError);
  };

  return {
    prepare(request, context) {
      if (typeof request.query !== 'string') return [coded('The operation has no query', 'BAD_REQUEST')];
      let document;
      try {
        document = parse(request.query, { maxTokens: options.maxTokens });
      } catch (error) {
        return [coded(error instanceof GraphQLError ? error.message : 'The query cannot be parsed', 'GRAPHQL_PARSE_FAILED')];
      }
      const schema = options.schema();
      const errors = validate(schema, document, rules);
      if (errors.length > 0) return errors.map((error) => coded(error.message, 'GRAPHQL_VALIDATION_FAILED'));
      return {
        schema,
        document,
        contextValue: context,
        variableValues: request.variables ?? undefined,
        operationName: request.operationName ?? undefined,
      };
    },

    async run(args) {
      const context = args.contextValue as RequestContext;
      const operation = getOperationAST(args.document, args.operationName);
      const format = formatterFor(args, operation);
      if (operation?.operation !== OperationTypeNode.SUBSCRIPTION)
        return format(await execute({ ...args, contextValue: perEvent(context) }));
      const expiresAt = expiryOf(context.caller);
      if (expiresAt !== undefined && expiresAt <= Date.now()) return errorResult('The token has expired', 'UNAUTHENTICATED');
      let stopRepeater: () => void = () => undefined;
      const forget = options.live.add(callerKey(context.caller, context.clientAddress), () => stopRepeater());
      if (forget === undefined) {
        options.observe?.refused();
        return errorResult(`Too many subscriptions: at most ${options.live.maxPerCaller} at once per caller`, 'RATE_LIMITED');
      }
      const source = await createSourceEventStream(args).catch((error: unknown) => {
        forget();
        throw error;
      });
      if (!isAsyncIterable(source)) {
        forget();
        return format(source);
      }
      const results = new Repeater<ExecutionResult>(async (push, stop) => {
        stopRepeater = () => stop();
        const iterator = source[Symbol.asyncIterator]();
        let reason: 'completed' | 'token_expired' = 'completed';
        const expiry =
          expiresAt === undefined
            ? undefined
            : setLongTimeout(expiresAt, () => {
                reason = 'token_expired';
                void push(errorResult('The token has expired: the subscription has ended', 'UNAUTHENTICATED')).then(() => stop());
              });
        void stop.then(() => iterator.return?.());
        options.observe?.started();
        try {
          let next: IteratorResult<unknown>;
          while (!(next = await iterator.next()).done) {
            const result = await execute({ ...args, rootValue: next.value, contextValue: perEvent(context) });
            await push(format(result));
            options.observe?.delivered();
          }
        } finally {
          expiry?.cancel();
          forget();
          options.observe?.ended(reason);
          stop();
        }
      });
      // Ended before its first event was asked for, the stream never ran: it is forgotten here instead.
      stopRepeater = () => void results.return();
      return withCleanup(results, forget);
    },
  };
}

/** The same iterator, calling `cleanup` when the consumer returns it (started or not). */
function withCleanup<T>(iterator: AsyncIterableIterator<T>, cleanup: () => void): AsyncIterableIterator<T> {
  const wrapped: AsyncIterableIterator<T> = {
    next: () => iterator.next(),
    return: (value?: unknown) => {
      cleanup();
      return iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]: () => wrapped,
  };
  return wrapped;
}

/** Whether `prepare` refused the operation. */
export function isRefused(prepared: ExecutionArgs | readonly GraphQLError[]): prepared is readonly GraphQLError[] {
  return Array.isArray(prepared);
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, retryable: false } });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** The longest delay setTimeout takes; a longer one would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Calls `fire` at the epoch ms `at`, however far away. */
function setLongTimeout(at: number, fire: () => void): { cancel(): void } {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const delay = at - Date.now();
    timer = delay > MAX_TIMEOUT_MS ? setTimeout(arm, MAX_TIMEOUT_MS) : setTimeout(fire, Math.max(0, delay));
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}
