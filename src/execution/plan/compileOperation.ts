import {
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { RequestContext } from '../RequestContext';
import type { OperationPlan } from './OperationPlan';
import { operationCachePolicy, type IsProtectedField } from './operationCachePolicy';

export interface CompileOperationOptions {
  /** Fields guarded by an access rule; their presence makes a response private. */
  readonly isProtected: IsProtectedField;
}

/**
 * Compiles one operation of a validated document into a plan. Execution is generated code
 * (graphql-jit): selection sets are flattened once, a field without a resolver of its own is read
 * straight off its parent's value, scalars are serialized by inlined code, and only fields bound
 * to an upstream, a mapping, an access rule or a hand-written resolver call a function. Answers
 * the errors instead when the operation cannot be compiled (an unknown operation name).
 */
export function compileOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  options: CompileOperationOptions,
): OperationPlan | ExecutionResult {
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
    return { errors: [new GraphQLError(message)] };
  }
  const compiled = compileQuery(schema, document, operationName, {
    // Errors thrown by resolvers already carry what a client needs; stacks are never sent.
    disablingCapturingStackErrors: true,
  });
  if (!isCompiledQuery(compiled)) return compiled;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return Object.freeze({
    operationName: operation.name?.value,
    operationType: operation.operation,
    cachePolicy: Object.freeze(operationCachePolicy(schema, operation, fragments, options.isProtected)),
    run: (context: RequestContext, variables: Readonly<Record<string, unknown>> | undefined) => {
      const result = compiled.query(undefined, context, variables ?? {});
      return result instanceof Promise ? result.then(withStandardErrors) : withStandardErrors(result);
    },
  });
}

/**
 * The generated code reports errors as frozen look-alikes of `GraphQLError`; plugins (and
 * graphql-armor's suggestion masking) expect real, writable ones, as graphql-js's `execute` gives.
 */
function withStandardErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  const errors = result.errors.map((error) =>
    Object.assign(
      new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions }),
      { locations: error.locations },
    ),
  );
  return { ...result, errors };
}

/** Whether `compileOperation` answered a plan rather than errors. */
export function isOperationPlan(value: OperationPlan | ExecutionResult): value is OperationPlan {
  return 'run' in value;
}
