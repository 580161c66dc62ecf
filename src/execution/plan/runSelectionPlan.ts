import {
  getArgumentValues,
  GraphQLError,
  locatedError,
  responsePathAsArray,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { inspect } from 'graphql/jsutils/inspect';
import type { Path } from 'graphql/jsutils/Path';
import type { RequestContext } from '../RequestContext';
import type { Completion, FieldPlan, ObjectCompletion } from './SelectionPlan';

/** What a run needs besides the plan tree: the document parts a resolver's `info` names. */
export interface PlanDocument {
  readonly schema: GraphQLSchema;
  readonly operation: OperationDefinitionNode;
  readonly fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * Where a value sits in the response: a key of an object or an index of a list. A non-null
 * violation walks up these cells to the nearest nullable one, as graphql-js propagates nulls.
 */
interface Cell {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly nullable: boolean;
  /** The cell holding `container`; undefined for the response's `data`. */
  readonly up: Cell | undefined;
  /** Nulled by an error: nothing below it is completed or reported any more. */
  dead: boolean;
}

/**
 * Where objects hang in the response, shared by every object of one list (and, for an object
 * field, its object's own): the container they sit in, whether they may be null, the cell above,
 * and their parent path.
 */
interface SlotOwner {
  readonly container: Record<string, unknown> | unknown[];
  readonly nullable: boolean;
  readonly up: Cell | undefined;
  readonly prev: Path | undefined;
  readonly typename: string | undefined;
}

/**
 * One object awaiting its selection set: the upstream value and the response object being filled.
 * It is also its own cell and, below the root, its own response path entry (`Path`: `prev`, `key`,
 * `typename`), what it shares with the other items of its list read from their owner: a list of
 * a thousand objects waiting on an upstream holds a thousand small slots and one owner.
 */
class ObjectSlot implements Cell, Path {
  /** Nulled by an error: nothing below it is completed or reported any more. */
  dead = false;

  constructor(
    readonly owner: SlotOwner,
    readonly key: string | number,
    readonly source: unknown,
    readonly out: Record<string, unknown>,
    /** `out` came from the plan's projection: its projected fields are done. */
    readonly projected: boolean,
  ) {}

  get container(): Record<string, unknown> | unknown[] {
    return this.owner.container;
  }
  get nullable(): boolean {
    return this.owner.nullable;
  }
  get up(): Cell | undefined {
    return this.owner.up;
  }
  get prev(): Path | undefined {
    return this.owner.prev;
  }
  get typename(): string | undefined {
    return this.owner.typename;
  }
}

/** The path of an object's fields' parent: the slot itself, except the root's (`data` is not in paths). */
function pathOf(slot: ObjectSlot): Path | undefined {
  return slot.up === undefined ? undefined : slot;
}

/** A resolver that threw or rejected (a resolver may also return an `Error`, which fails the field too). */
class Failure {
  constructor(readonly error: unknown) {}
}

/**
 * Runs a selection plan breadth-first, one selection set for all the objects that share it: every
 * field is resolved for every object of a list before any is completed, so a field bound to an
 * upstream is one `resolveMany` call for the whole list (one load per distinct request) instead of
 * one resolver call and several promises per item, and a field without a resolver is a property
 * read. Errors, paths and null propagation follow graphql-js's `execute`.
 */
export function runSelectionPlan(
  root: ObjectCompletion,
  document: PlanDocument,
  context: RequestContext,
  variables: Record<string, unknown>,
): Promise<ExecutionResult> | ExecutionResult {
  const run = new Run(document, context, variables);
  const holder: Record<string, unknown> = { data: {} };
  const rootOwner: SlotOwner = { container: holder, nullable: true, up: undefined, prev: undefined, typename: undefined };
  const rootSlot = new ObjectSlot(rootOwner, 'data', undefined, holder['data'] as Record<string, unknown>, false);
  const done = run.execute(root, [rootSlot]);
  const result = (): ExecutionResult => {
    const data = holder['data'] as Record<string, unknown> | null;
    if (run.errors.length > 0) return { errors: run.errors, data };
    return { data };
  };
  return done === undefined ? result() : done.then(result);
}

class Run {
  readonly errors: GraphQLError[] = [];
  /** Arguments read from variables, per field (made on first use: most operations have none). */
  #arguments: Map<FieldPlan, Record<string, unknown>> | undefined;

  constructor(
    readonly document: PlanDocument,
    readonly context: RequestContext,
    readonly variables: Record<string, unknown>,
  ) {}

  /** Completes `slots` with `plan`'s fields; answers a promise only when something was asynchronous. */
  execute(plan: ObjectCompletion, slots: readonly ObjectSlot[]): Promise<void> | undefined {
    const { fields } = plan;
    // A field's column is made only when the field is resolved here (projected fields have none).
    const columns = new Array<unknown[] | undefined>(fields.length);
    const waits: Promise<unknown>[] = [];
    // graphql-js resolves an object's fields in order and stops at a non-null field that fails at
    // once (a denied field, a null): the fields after it are never resolved, so neither are they here.
    let stopped: boolean[] | undefined;
    /** Per object, the index of the field it stopped at. */
    let stopAt: number[] | undefined;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f] as FieldPlan;
      if (field.field === undefined) continue;
      // Projected objects have this field already; the others (whose upstream value did not fit) resolve it here.
      const forSlot = field.projected ? (slot: ObjectSlot) => !slot.projected : undefined;
      if (forSlot !== undefined && !slots.some(forSlot)) continue;
      let args: Record<string, unknown>;
      try {
        args = this.argumentsOf(field);
      } catch (error) {
        columns[f] = new Array<unknown>(slots.length).fill(new Failure(error));
        if (field.completion.nonNull) {
          stopped ??= new Array<boolean>(slots.length);
          stopAt ??= new Array<number>(slots.length);
          for (let i = 0; i < slots.length; i++) {
            if (stopped[i]) continue;
            stopped[i] = true;
            stopAt[i] = f;
          }
        }
        continue;
      }
      if (field.resolveMany !== undefined) {
        const indexes = stopped === undefined ? undefined : slots.flatMap((_, index) => (stopped?.[index] ? [] : [index]));
        const parents =
          indexes === undefined ? slots.map((slot) => slot.source) : indexes.map((index) => (slots[index] as ObjectSlot).source);
        if (parents.length === 0) continue;
        waits.push(
          field.resolveMany(parents, args, this.context).then(
            (values) => {
              // Every object asked: the answers are the column, aligned with the slots.
              if (indexes === undefined) return void (columns[f] = values);
              const column = (columns[f] = new Array<unknown>(slots.length));
              for (let i = 0; i < parents.length; i++) column[indexes[i] as number] = values[i];
            },
            (error: unknown) => void (columns[f] = new Array<unknown>(slots.length).fill(new Failure(error))),
          ),
        );
        continue;
      }
      const column: unknown[] = new Array(slots.length);
      columns[f] = column;
      for (let i = 0; i < slots.length; i++) {
        if (stopped?.[i]) continue;
        if (forSlot !== undefined && !forSlot(slots[i] as ObjectSlot)) continue;
        const value = this.resolve(field, slots[i] as ObjectSlot, args);
        column[i] = value;
        if (isPromiseLike(value)) {
          waits.push(
            Promise.resolve(value).then(
              (settled) => void (column[i] = settled),
              (error: unknown) => void (column[i] = new Failure(error)),
            ),
          );
        } else if (
          field.completion.nonNull &&
          (value === null || value === undefined || value instanceof Failure || value instanceof Error)
        ) {
          (stopped ??= new Array<boolean>(slots.length))[i] = true;
          (stopAt ??= new Array<number>(slots.length))[i] = f;
        }
      }
    }
    if (waits.length === 0) return this.complete(fields, columns, slots, stopAt);
    // No wait rejects (each settles its column); one wait, the usual case, needs no Promise.all.
    return (waits.length === 1 ? (waits[0] as Promise<unknown>) : Promise.all(waits)).then(() =>
      this.complete(fields, columns, slots, stopAt),
    );
  }

  /**
   * Completes every resolved field of every object. An object that a non-null field took down
   * still has its other resolved fields completed, as graphql-js handles each field's own failure
   * (a nullable field's error is reported) whatever its siblings did; nothing below it runs.
   */
  private complete(
    fields: readonly FieldPlan[],
    columns: readonly (unknown[] | undefined)[],
    slots: readonly ObjectSlot[],
    stopAt: readonly number[] | undefined,
  ): Promise<void> | undefined {
    const batches = new Map<ObjectCompletion, ObjectSlot[]>();
    const deferred: Promise<void>[] = [];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as ObjectSlot;
      const last = stopAt?.[i] ?? fields.length - 1;
      for (let f = 0; f <= last; f++) {
        // A field that failed took this object down: graphql-js completes none of its later fields.
        if (slot.dead) break;
        const field = fields[f] as FieldPlan;
        if (field.projected && slot.projected) continue;
        const value = field.field === undefined ? field.parentType.name : columns[f]?.[i];
        this.completeValue(
          field,
          field.completion,
          value,
          slot.out,
          field.responseKey,
          slot,
          pathOf(slot),
          field.parentType.name,
          batches,
          deferred,
        );
      }
    }
    return this.descend(batches, deferred);
  }

  /** Runs the next level: every nested selection set, for all its objects at once. */
  private descend(batches: Map<ObjectCompletion, ObjectSlot[]>, deferred: Promise<void>[]): Promise<void> | undefined {
    if (deferred.length > 0) {
      return Promise.all(deferred).then(() => this.descend(batches, []));
    }
    let pending: Promise<void>[] | undefined;
    for (const [plan, slots] of batches) {
      const live = slots.every(isAlive) ? slots : slots.filter(isAlive);
      if (live.length === 0) continue;
      const done = this.execute(plan, live);
      if (done !== undefined) (pending ??= []).push(done);
    }
    if (pending === undefined) return undefined;
    return pending.length === 1 ? pending[0] : Promise.all(pending).then(() => undefined);
  }

  private completeValue(
    field: FieldPlan,
    completion: Completion,
    value: unknown,
    container: Record<string, unknown> | unknown[],
    key: string | number,
    up: Cell,
    parentPath: Path | undefined,
    typename: string | undefined,
    batches: Map<ObjectCompletion, ObjectSlot[]>,
    deferred: Promise<void>[],
    /** For a list's items: what their slots share (made on the list's first object that needs a slot). */
    siblings?: { owner: SlotOwner | undefined },
  ): void {
    if (value === null || value === undefined) {
      if (completion.nonNull) {
        const error = new Error(`Cannot return null for non-nullable field ${field.parentType.name}.${field.fieldName}.`);
        return this.fail(field, completion, container, key, up, parentPath, typename, error);
      }
      setIn(container, key, null);
      return;
    }
    if (value instanceof Failure) return this.fail(field, completion, container, key, up, parentPath, typename, value.error);
    if (value instanceof Error) return this.fail(field, completion, container, key, up, parentPath, typename, value);
    if (isPromiseLike(value)) {
      deferred.push(
        Promise.resolve(value).then(
          (settled) =>
            this.completeValue(field, completion, settled, container, key, up, parentPath, typename, batches, deferred, siblings),
          (error: unknown) => this.fail(field, completion, container, key, up, parentPath, typename, error),
        ),
      );
      return;
    }
    if (completion.kind === 'leaf') {
      let serialized: unknown;
      try {
        serialized = completion.serialize(value);
      } catch (error) {
        return this.fail(field, completion, container, key, up, parentPath, typename, error);
      }
      if (serialized === null || serialized === undefined) {
        const error = new Error(
          `Expected \`${inspect(completion.type)}.serialize(${inspect(value)})\` to return non-nullable value, returned: ${inspect(serialized)}`,
        );
        return this.fail(field, completion, container, key, up, parentPath, typename, error);
      }
      setIn(container, key, serialized);
      return;
    }
    if (completion.kind === 'object') {
      const projected = completion.projection?.project(value);
      const out: Record<string, unknown> = projected ?? {};
      setIn(container, key, out);
      if (projected !== undefined && completion.projection?.complete === true) return;
      let slots = batches.get(completion);
      if (slots === undefined) batches.set(completion, (slots = []));
      let owner = siblings?.owner;
      if (owner === undefined) {
        owner = { container, nullable: !completion.nonNull, up, prev: parentPath, typename };
        if (siblings !== undefined) siblings.owner = owner;
      }
      slots.push(new ObjectSlot(owner, key, value, out, projected !== undefined));
      return;
    }
    const items = Array.isArray(value) ? value : isIterable(value) ? Array.from(value) : undefined;
    if (items === undefined) {
      const error = new GraphQLError(`Expected Iterable, but did not find one for field "${field.parentType.name}.${field.fieldName}".`);
      return this.fail(field, completion, container, key, up, parentPath, typename, error);
    }
    // Filled in order, so V8 keeps the array packed, which JSON.stringify walks faster than one
    // made with holes by `new Array(length)`; an item that completes later leaves a hole until then.
    const list: unknown[] = [];
    setIn(container, key, list);
    const listCell: Cell = { container, key, nullable: !completion.nonNull, up, dead: false };
    const listPath: Path = { prev: parentPath, key, typename };
    const { item } = completion;
    // A list of objects that are whole projections: each item is one call, unless its value needs the generic path.
    const project = item.kind === 'object' && item.projection?.complete === true ? item.projection.project : undefined;
    const itemSlots: { owner: SlotOwner | undefined } = { owner: undefined };
    for (let index = 0; index < items.length; index++) {
      const projected = project?.(items[index]);
      if (projected !== undefined) list[index] = projected;
      else this.completeValue(field, item, items[index], list, index, listCell, listPath, undefined, batches, deferred, itemSlots);
    }
    if (list.length < items.length) list.length = items.length;
  }

  /** A value that failed: located at its path, then raised from its cell. */
  private fail(
    field: FieldPlan,
    completion: Completion,
    container: Record<string, unknown> | unknown[],
    key: string | number,
    up: Cell,
    parentPath: Path | undefined,
    typename: string | undefined,
    error: unknown,
  ): void {
    const cell: Cell = { container, key, nullable: !completion.nonNull, up, dead: false };
    this.raise(cell, locatedError(error, field.fieldNodes, responsePathAsArray({ prev: parentPath, key, typename })));
  }

  /**
   * Nulls the nearest nullable cell at or above `cell` and records the error there, unless an
   * earlier error already nulled that cell (graphql-js reports the first failure of a subtree).
   */
  private raise(cell: Cell, error: GraphQLError): void {
    let boundary = cell;
    while (!boundary.nullable && boundary.up !== undefined) boundary = boundary.up;
    if (boundary.dead) return;
    setIn(boundary.container, boundary.key, null);
    // Every cell on the way goes down, so the loops completing them stop.
    for (let current: Cell | undefined = cell; current !== boundary.up; current = current?.up) if (current) current.dead = true;
    this.errors.push(error);
  }

  private argumentsOf(field: FieldPlan): Record<string, unknown> {
    if (field.args.kind === 'static') return field.args.values;
    this.#arguments ??= new Map();
    let values = this.#arguments.get(field);
    if (values === undefined) {
      values = getArgumentValues(
        field.field as NonNullable<FieldPlan['field']>,
        field.fieldNodes[0] as NonNullable<FieldPlan['fieldNodes'][0]>,
        this.variables,
      );
      this.#arguments.set(field, values);
    }
    return values;
  }

  /** The field's resolver, or graphql-js's default one: the parent's property (called when it is a method). */
  private resolve(field: FieldPlan, slot: ObjectSlot, args: Record<string, unknown>): unknown {
    try {
      if (field.resolve !== undefined) return field.resolve(slot.source, args, this.context, this.info(field, slot));
      const { source } = slot;
      if (source === null || (typeof source !== 'object' && typeof source !== 'function')) return undefined;
      const property: unknown = (source as Record<string, unknown>)[field.fieldName];
      if (typeof property === 'function') {
        return (property as (a: unknown, c: unknown, i: unknown) => unknown).call(source, args, this.context, this.info(field, slot));
      }
      return property;
    } catch (error) {
      return new Failure(error);
    }
  }

  private info(field: FieldPlan, slot: ObjectSlot): GraphQLResolveInfo {
    const { schema, operation, fragments } = this.document;
    return {
      fieldName: field.fieldName,
      fieldNodes: field.fieldNodes,
      returnType: field.returnType,
      parentType: field.parentType,
      path: { prev: pathOf(slot), key: field.responseKey, typename: field.parentType.name },
      schema,
      fragments,
      rootValue: undefined,
      operation,
      variableValues: this.variables,
    };
  }
}

function setIn(container: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  (container as Record<string | number, unknown>)[key] = value;
}

function isAlive(cell: Cell | undefined): boolean {
  for (let current = cell; current !== undefined; current = current.up) if (current.dead) return false;
  return true;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}
