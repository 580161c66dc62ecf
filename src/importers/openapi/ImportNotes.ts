/**
 * Everything the importer could not map, or mapped with a caveat: printed on stderr and atop the
 * SDL, so nothing is dropped silently. Each note starts with where it applies.
 */
export class ImportNotes {
  readonly #notes: string[] = [];
  readonly #seen = new Set<string>();

  add(where: string, message: string): void {
    const note = `${where}: ${message}`;
    if (this.#seen.has(note)) return;
    this.#seen.add(note);
    this.#notes.push(note);
  }

  get list(): readonly string[] {
    return this.#notes;
  }
}
