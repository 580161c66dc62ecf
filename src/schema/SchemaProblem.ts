/** One thing wrong with the schema, at a schema coordinate such as `Order.customer` or `@source(shop)`. */
export interface SchemaProblem {
  readonly coordinate: string;
  readonly message: string;
}

/** Every problem found while compiling, reported together so they can all be fixed at once. */
export class SchemaCompileError extends Error {
  override readonly name = 'SchemaCompileError';

  constructor(readonly problems: readonly SchemaProblem[]) {
    super(
      `The schema has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((problem) => `  ${problem.coordinate}: ${problem.message}`).join('\n'),
    );
  }
}

/** Collects problems while a compile step goes on. */
export class ProblemList {
  readonly #problems: SchemaProblem[] = [];

  /** Records a problem once: the same one met again (from another field that reaches it) is not repeated. */
  add(coordinate: string, message: string): void {
    if (this.#problems.some((problem) => problem.coordinate === coordinate && problem.message === message)) return;
    this.#problems.push({ coordinate, message });
  }

  /** Whether a problem was recorded at this coordinate. */
  has(coordinate: string): boolean {
    return this.#problems.some((problem) => problem.coordinate === coordinate);
  }

  get size(): number {
    return this.#problems.length;
  }

  throwIfAny(): void {
    if (this.#problems.length > 0) throw new SchemaCompileError(this.#problems);
  }
}
