/**
 * The DataLoaders of one request. Built in the context factory and dropped with the request, so
 * no loader (and no loader cache) is ever shared between callers.
 */
export class LoaderRegistry {
  readonly #loaders = new Map<string, unknown>();

  /** The loader registered under `id`, created by `create` on first use in this request. */
  get<T>(id: string, create: () => T): T {
    let loader = this.#loaders.get(id) as T | undefined;
    if (loader === undefined) {
      loader = create();
      this.#loaders.set(id, loader);
    }
    return loader;
  }
}
