/**
 * Keeps a client-chosen label (an operation or client name) from growing a metric without bound:
 * the first `max` distinct values are kept as they are, every later one is counted as `__other`.
 */
export class BoundedLabels {
  readonly #seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.#seen.has(value)) return value;
    if (this.#seen.size >= this.max) return '__other';
    this.#seen.add(value);
    return value;
  }
}
