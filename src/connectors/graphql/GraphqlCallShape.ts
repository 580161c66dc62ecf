import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  VariableDefinitionNode,
} from 'graphql';
import { print } from 'graphql';
import type { GraphqlFieldPlan } from './GraphqlFieldPlan';
import { upstreamSelection, type UpstreamSelection } from './upstreamSelection';

/** What one delegated field of one operation sends upstream, the same for every request of that operation. */
export interface GraphqlCallShape {
  readonly selection: UpstreamSelection;
  /** The client's definitions of the variables the selection uses. */
  readonly variableDefinitions: readonly VariableDefinitionNode[];
  /** The selection as text: with the variables' values, it tells calls that can share a batch. */
  readonly identity: string;
}

export interface ShapeInput {
  readonly schema: GraphQLSchema;
  readonly fieldNodes: readonly FieldNode[];
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly operation: OperationDefinitionNode;
  readonly returnType: GraphQLNamedType;
}

/** Computes the shape of a delegated field's upstream call from the client's selection. Pure. */
export function graphqlCallShape(plan: GraphqlFieldPlan, input: ShapeInput): GraphqlCallShape {
  const selection = upstreamSelection({ ...input, localFields: plan.localFields, coordinate: plan.coordinate });
  const used = new Set(selection.variables);
  const variableDefinitions = (input.operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value));
  return {
    selection,
    variableDefinitions,
    identity: `${variableDefinitions.map((definition) => print(definition)).join(' ')} ${selection.selectionSet ? print(selection.selectionSet) : ''}`,
  };
}
