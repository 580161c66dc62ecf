import type { DemoUpstream, RecordedRequest } from '../../src/demo/DemoUpstream';

/** Runs `action` and returns the requests an upstream received meanwhile. */
export async function callsDuring(upstream: DemoUpstream, action: () => Promise<unknown>): Promise<RecordedRequest[]> {
  const before = upstream.requests.length;
  await action();
  return upstream.requests.slice(before);
}
