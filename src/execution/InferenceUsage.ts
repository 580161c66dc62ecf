/** Tokens one model call used, by kind. */
export interface TokenUsage {
  readonly prompt: number;
  readonly completion: number;
  readonly embedding: number;
}

/** What a request spent on inference, reported in its response's `extensions.inference`. */
export interface InferenceUsageReport {
  /** Calls that reached a model (a retry is a call). */
  readonly calls: number;
  /** Answers and embeddings served from the cache: no call, no tokens. */
  readonly cachedAnswers: number;
  readonly tokens: { readonly prompt: number; readonly completion: number; readonly embedding: number; readonly total: number };
}

/** The inference accounting of one request. */
export class InferenceUsage {
  #used = false;
  #calls = 0;
  #cachedAnswers = 0;
  readonly #tokens = { prompt: 0, completion: 0, embedding: 0 };

  /** Whether any field of the request asked for inference (answered or not). */
  get used(): boolean {
    return this.#used;
  }

  asked(): void {
    this.#used = true;
  }

  call(): void {
    this.#used = true;
    this.#calls += 1;
  }

  cached(count = 1): void {
    this.#used = true;
    this.#cachedAnswers += count;
  }

  spent(usage: TokenUsage): void {
    this.#tokens.prompt += usage.prompt;
    this.#tokens.completion += usage.completion;
    this.#tokens.embedding += usage.embedding;
  }

  report(): InferenceUsageReport {
    const { prompt, completion, embedding } = this.#tokens;
    return {
      calls: this.#calls,
      cachedAnswers: this.#cachedAnswers,
      tokens: { prompt, completion, embedding, total: prompt + completion + embedding },
    };
  }
}
