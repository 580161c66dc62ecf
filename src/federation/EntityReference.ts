import type { AccessRule } from '../auth/AccessRule';
import type { ManyResolver } from '../execution/createLoadingResolver';

/** How `_entities` loads one entity type of this subgraph. */
export interface EntityReference {
  readonly typeName: string;
  /** The type's own (and its interfaces') access rule, checked before anything is loaded. */
  readonly rule: AccessRule | undefined;
  /**
   * The reference resolver declared on the type (`@rest` with `{key.…}`), for all representations
   * of the type at once; undefined when the representation itself is the entity (Apollo's default).
   */
  readonly resolveMany: ManyResolver | undefined;
  /** The source the reference resolver calls, for errors. */
  readonly source: string | undefined;
}
