import type { AccessRule } from '../auth/AccessRule';
import type { CompiledField } from '../connectors/Connector';
import type { ManyResolver } from '../execution/createLoadingResolver';

/** How `_entities` loads one entity type of this subgraph, as compiled. */
export interface EntityReferencePlan {
  readonly typeName: string;
  /** The type's own (and its interfaces') access rule, checked before anything is loaded. */
  readonly rule: AccessRule | undefined;
  /**
   * The reference resolver declared on the type (`@rest` with `{key.…}`), compiled as a field whose
   * parent is the representation; undefined when the representation itself is the entity
   * (Apollo's default).
   */
  readonly resolver: CompiledField | undefined;
  /** The source the reference resolver calls, for errors. */
  readonly source: string | undefined;
}

/** An entity reference bound to the running gateway. */
export interface EntityReference extends Omit<EntityReferencePlan, 'resolver'> {
  /** The reference resolver for all representations of the type at once. */
  readonly resolveMany: ManyResolver | undefined;
}
