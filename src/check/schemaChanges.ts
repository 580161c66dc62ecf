import { CriticalityLevel, diff } from '@graphql-inspector/core';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { declaredSchemaOf } from '../link/declaredTypeDefs';
import { withoutGatewayDirectives } from '../link/withoutGatewayDirectives';
import type { ChangeLevel, SchemaChange } from './CheckReport';

const LEVELS: Readonly<Record<CriticalityLevel, ChangeLevel>> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** The schema clients see for a schema folder's SDL: the gateway's own directives left out. */
export function servedSchemaOf(typeDefs: readonly (string | DocumentNode)[]): GraphQLSchema {
  return withoutGatewayDirectives(declaredSchemaOf(typeDefs));
}

/**
 * What changed for clients between two versions of a schema folder, by GraphQL Inspector: removed
 * or retyped fields and arguments are breaking, changes that may alter what existing clients get
 * (a new enum value, a default changed) are dangerous, additions and deprecations are safe.
 */
export async function schemaChanges(
  previous: readonly (string | DocumentNode)[],
  current: readonly (string | DocumentNode)[],
): Promise<SchemaChange[]> {
  const changes = await diff(servedSchemaOf(previous), servedSchemaOf(current));
  return changes.map((change) => ({ level: LEVELS[change.criticality.level], coordinate: change.path, message: change.message }));
}
