import { UpstreamBadResponseError } from '../errors/UpstreamBadResponseError';

/**
 * An upstream's answer, any status. Parsing is lazy and memoized: when several callers share one
 * coalesced call, the body is decoded once and the parsed value is shared read-only.
 */
export class UpstreamResponse {
  #text: string | undefined;
  #json: { value: unknown } | undefined;

  constructor(
    readonly source: string,
    readonly status: number,
    readonly headers: Readonly<Record<string, string | string[] | undefined>>,
    readonly body: Buffer,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  header(name: string): string | undefined {
    const value = this.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  text(): string {
    this.#text ??= this.body.toString('utf8');
    return this.#text;
  }

  /** The body as JSON; an unparseable body is an `UpstreamBadResponseError`. */
  json(): unknown {
    if (this.#json === undefined) {
      if (this.body.length === 0) {
        this.#json = { value: null };
      } else {
        try {
          this.#json = { value: JSON.parse(this.text()) as unknown };
        } catch (cause) {
          throw new UpstreamBadResponseError(this.source, `Upstream "${this.source}" answered with a body that is not valid JSON`, {
            status: this.status,
            cause,
          });
        }
      }
    }
    return this.#json.value;
  }
}
