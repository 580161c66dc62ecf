import type { ExecutionResult } from 'graphql';
import type { RequestContext } from '../RequestContext';

/** The operation's HTTP cache policy in Apollo's terms: no maxAge (or 0) means not cacheable. */
export interface CachePolicy {
  readonly maxAge: number | undefined;
  readonly scope: 'PUBLIC' | 'PRIVATE';
}

/**
 * One (document, operation name) compiled for execution: built once, shared by every caller, and
 * kept in a bounded cache. Running it calls no resolver for a field whose value is a projection
 * of its parent's data: only fields bound to an upstream, a mapping or a hand-written resolver run code.
 */
export interface OperationPlan {
  readonly operationName: string | undefined;
  readonly operationType: 'query' | 'mutation' | 'subscription';
  /** Which engine runs it: our breadth-first selection plan, or graphql-jit's generated code. */
  readonly executor: 'plan' | 'jit';
  /** The operation's HTTP cache policy, from the static hints of every field it can reach. */
  readonly cachePolicy: CachePolicy;
  /** Deprecated fields, arguments, input fields and enum values the operation uses (see deprecatedUsage). */
  readonly deprecatedUsage: readonly string[];
  /** Which upstream sent the value at each response path (see responsePathSources). */
  readonly valueSources: ReadonlyMap<string, string>;
  run(context: RequestContext, variables: Readonly<Record<string, unknown>> | undefined): Promise<ExecutionResult> | ExecutionResult;
}
