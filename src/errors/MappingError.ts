/** An upstream value could not be converted as its field's `@map` or `@money` declares. */
export class MappingError extends Error {
  readonly code = 'UPSTREAM_BAD_RESPONSE';

  constructor(message: string) {
    super(message);
    this.name = 'MappingError';
  }
}
