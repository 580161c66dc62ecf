import { InferenceUsage } from './InferenceUsage';

/** What one request did, for its audit line: fields denied and upstream calls made. */
export class RequestAudit {
  readonly denied: string[] = [];
  readonly upstreamCalls: Record<string, number> = {};
  /** Model calls, cached answers and tokens, for the response's `extensions.inference`. */
  readonly inference = new InferenceUsage();
  /** Deprecated schema coordinates the operation uses (from its plan), for the metrics. */
  deprecatedUsed: readonly string[] = [];

  deny(path: string): void {
    this.denied.push(path);
  }

  upstreamCall(source: string): void {
    this.upstreamCalls[source] = (this.upstreamCalls[source] ?? 0) + 1;
  }
}
