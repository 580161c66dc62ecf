import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { RequestContext } from '../RequestContext';
import { compileOperation, isOperationPlan, type CompileOperationOptions } from './compileOperation';
import type { OperationPlan } from './OperationPlan';

export interface ExecuteOperationArgs {
  readonly document: DocumentNode;
  readonly operationName?: string | null | undefined;
  readonly variableValues?: Readonly<Record<string, unknown>> | undefined;
  readonly contextValue: RequestContext;
  /** A stable hash of the document's source (Apollo's query hash); without it, plans are keyed by the document object. */
  readonly queryHash?: string | undefined;
}

export interface OperationExecutor {
  /** The plan for an operation, compiled on first use and cached; errors when it cannot be compiled. */
  plan(args: Omit<ExecuteOperationArgs, 'contextValue' | 'variableValues'>): OperationPlan | ExecutionResult;
  execute(args: ExecuteOperationArgs): Promise<ExecutionResult>;
  /** Plans currently cached. */
  readonly size: number;
}

export interface OperationExecutorOptions extends CompileOperationOptions {
  /** How many compiled operations are kept (least recently used go first). */
  readonly maxPlans: number;
}

/**
 * Executes operations through compiled plans. Each (document, operation name) is compiled once
 * and shared by every caller: a plan holds no caller data, and everything caller-specific
 * (authorization, loaders, deadline) comes from the context at run time.
 */
export function createOperationExecutor(schema: GraphQLSchema, options: OperationExecutorOptions): OperationExecutor {
  const byHash = new LRUCache<string, OperationPlan | ExecutionResult>({ max: options.maxPlans });
  // Documents without a hash (direct calls, tests): plans live as long as the document does.
  const byDocument = new WeakMap<DocumentNode, Map<string, OperationPlan | ExecutionResult>>();

  const plan: OperationExecutor['plan'] = ({ document, operationName, queryHash }) => {
    const name = operationName ?? undefined;
    if (queryHash !== undefined) {
      const key = `${name ?? ''}\n${queryHash}`;
      let found = byHash.get(key);
      if (found === undefined) {
        found = compileOperation(schema, document, name, options);
        byHash.set(key, found);
      }
      return found;
    }
    let plans = byDocument.get(document);
    if (!plans) byDocument.set(document, (plans = new Map<string, OperationPlan | ExecutionResult>()));
    let found = plans.get(name ?? '');
    if (found === undefined) {
      found = compileOperation(schema, document, name, options);
      plans.set(name ?? '', found);
    }
    return found;
  };

  return {
    plan,
    async execute(args) {
      const found = plan(args);
      if (!isOperationPlan(found)) return found;
      return found.run(args.contextValue, args.variableValues);
    },
    get size() {
      return byHash.size;
    },
  };
}
