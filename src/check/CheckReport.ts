import type { SchemaProblem } from '../schema/SchemaProblem';

/** How a change between two versions of the served schema affects clients (GraphQL Inspector's levels). */
export type ChangeLevel = 'breaking' | 'dangerous' | 'safe';

export interface SchemaChange {
  readonly level: ChangeLevel;
  /** Where, e.g. `Query.orders` or `Order.status`. */
  readonly coordinate: string | undefined;
  readonly message: string;
}

/** What `npm run check` found: errors stop a start (or a merge), warnings are for a reviewer. */
export interface CheckReport {
  readonly errors: readonly SchemaProblem[];
  readonly warnings: readonly SchemaProblem[];
  /** Against the previous version, when one was given. */
  readonly changes: readonly SchemaChange[];
}

/** A check fails on any error and on any breaking change. */
export function checkFailed(report: CheckReport): boolean {
  return report.errors.length > 0 || report.changes.some((change) => change.level === 'breaking');
}
