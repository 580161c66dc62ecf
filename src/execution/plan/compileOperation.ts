import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { RequestContext } from '../RequestContext';
import type { OperationPlan } from './OperationPlan';
import { operationCachePolicy, type IsProtectedField } from './operationCachePolicy';
import { isIncluded, planSelections, variableConditions } from './planSelections';
import { responsePathSources, type UpstreamFields } from './responsePathSources';
import { deprecatedUsage } from './deprecatedUsage';
import type { ObjectCompletion } from './SelectionPlan';
import { runSelectionPlan } from './runSelectionPlan';

export interface CompileOperationOptions {
  /** Fields guarded by an access rule; their presence makes a response private. */
  readonly isProtected: IsProtectedField;
  /** `Type.field` → source, for the fields bound to an upstream. */
  readonly upstreamFields?: UpstreamFields;
}

/**
 * Compiles one operation of a validated document into a plan, once. Queries get a selection plan
 * of our own (`planSelections`, run by `runSelectionPlan`): fragments inlined and fields merged at
 * compile time, a field without a resolver read straight off its parent's value, and a field bound
 * to an upstream resolved for a whole list at once. What that plan shape does not cover
 * (mutations, introspection, abstract types, variable `@skip`/`@include`) runs as code generated
 * by graphql-jit, which also reads plain fields as properties. Answers the errors instead when the
 * operation cannot be compiled (an unknown operation name).
 */
export function compileOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  options: CompileOperationOptions,
): OperationPlan | ExecutionResult {
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName
      ? `Unknown operation named "${operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return { errors: [new GraphQLError(message)] };
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const common = {
    operationName: operation.name?.value,
    operationType: operation.operation,
    cachePolicy: Object.freeze(operationCachePolicy(schema, operation, fragments, options.isProtected)),
    deprecatedUsage: deprecatedUsage(schema, document),
    valueSources: responsePathSources(schema, operation, fragments, options.upstreamFields ?? new Map()),
  };
  const conditions = variableConditions(operation, fragments);
  const selections = planSelections(schema, operation, fragments, conditions.length === 0 ? {} : 'include-all');
  const variableDefinitions = operation.variableDefinitions ?? [];
  /** Variables as graphql-js coerces them (its messages, its defaults), or its errors. */
  const coerce = (variables: Readonly<Record<string, unknown>> | undefined) =>
    variableDefinitions.length === 0 ? { coerced: {} } : getVariableValues(schema, variableDefinitions, variables ?? {}, { maxErrors: 50 });
  if (selections !== undefined) {
    const planDocument = { schema, operation, fragments };
    // With `@skip`/`@include` on variables, one plan per combination of their values, made on first use.
    const variants = new Map<string, ObjectCompletion>();
    const variantFor = (variables: Record<string, unknown>): ObjectCompletion => {
      const key = conditions.map((node) => (isIncluded(node, variables) ? '1' : '0')).join('');
      let variant = variants.get(key);
      if (variant === undefined) variants.set(key, (variant = planSelections(schema, operation, fragments, variables) as ObjectCompletion));
      return variant;
    };
    return Object.freeze({
      ...common,
      executor: 'plan' as const,
      run: (context: RequestContext, variables: Readonly<Record<string, unknown>> | undefined) => {
        const coerced = coerce(variables);
        if (coerced.errors) return { errors: coerced.errors };
        if (conditions.length === 0) return runSelectionPlan(selections, planDocument, context, coerced.coerced);
        let variant: ObjectCompletion;
        try {
          variant = variantFor(coerced.coerced);
        } catch {
          // A condition that is null: graphql-js reports it where it meets it, and is the reference for that.
          return execute({ schema, document, operationName, contextValue: context, variableValues: coerced.coerced });
        }
        return runSelectionPlan(variant, planDocument, context, coerced.coerced);
      },
    });
  }
  const compiled = compileQuery(schema, document, operationName, {
    // Errors thrown by resolvers already carry what a client needs; stacks are never sent.
    disablingCapturingStackErrors: true,
  });
  if (!isCompiledQuery(compiled)) return compiled;
  return Object.freeze({
    ...common,
    executor: 'jit' as const,
    run: (context: RequestContext, variables: Readonly<Record<string, unknown>> | undefined) => {
      const coerced = coerce(variables);
      if (coerced.errors) return { errors: coerced.errors };
      if (conditions.some((node) => !conditionIsValid(node, coerced.coerced))) {
        // graphql-jit skips a null `@skip`/`@include` condition silently; graphql-js reports it.
        return execute({ schema, document, operationName, contextValue: context, variableValues: coerced.coerced });
      }
      const result = compiled.query(undefined, context, coerced.coerced);
      return result instanceof Promise ? result.then(withStandardErrors) : withStandardErrors(result);
    },
  });
}

function conditionIsValid(node: SelectionNode, variables: Record<string, unknown>): boolean {
  try {
    isIncluded(node, variables);
    return true;
  } catch {
    return false;
  }
}

/**
 * The generated code reports errors as frozen look-alikes of `GraphQLError`; plugins (and
 * graphql-armor's suggestion masking) expect real, writable ones, as graphql-js's `execute` gives.
 */
function withStandardErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  const errors = result.errors.map((error) =>
    Object.assign(new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions }), {
      locations: error.locations,
    }),
  );
  return { ...result, errors };
}

/** Whether `compileOperation` answered a plan rather than errors. */
export function isOperationPlan(value: OperationPlan | ExecutionResult): value is OperationPlan {
  return 'run' in value;
}
