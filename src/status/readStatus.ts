/** One source's counters, summed over the gateway's workers, as `/status.json` answers them. */
export interface SourceStatus {
  readonly name: string;
  /** 0 closed, 1 half-open, 2 open (the most open of the workers' breakers). */
  readonly circuit: number;
  /** Calls made so far, by outcome (success, client_error, server_error, timeout, …). */
  readonly calls: Readonly<Record<string, number>>;
  /** The call-duration histogram so far: [upper bound in seconds, cumulative count]. */
  readonly latency: readonly (readonly [number, number])[];
  readonly cache: { readonly hit: number; readonly miss: number };
}

export interface StatusReport {
  /** Epoch ms the counters were read at. */
  readonly time: number;
  readonly sources: readonly SourceStatus[];
}

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Prometheus text exposition, the lines this report reads. */
function samples(exposition: string): Sample[] {
  const parsed: Sample[] = [];
  for (const line of exposition.split('\n')) {
    const match =
      /^(tributary_(?:upstream_requests_total|upstream_request_duration_seconds_bucket|cache_lookups_total|circuit_state))\{([^}]*)\}\s+(\S+)/.exec(
        line,
      );
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[label[1] ?? ''] = label[2] ?? '';
    parsed.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return parsed;
}

/**
 * What the status page shows, from the metrics the gateway exposes (so summed over workers):
 * per source, its circuit, its calls by outcome, its latency histogram and its cache lookups.
 * The page turns successive reports into rates, error ratios and percentiles.
 */
export function readStatus(sourceNames: Iterable<string>, exposition: string, time: number): StatusReport {
  const all = samples(exposition);
  const sources = [...sourceNames].sort().map((name): SourceStatus => {
    const mine = all.filter((sample) => sample.labels['source'] === name);
    const calls: Record<string, number> = {};
    for (const sample of mine.filter((candidate) => candidate.name === 'tributary_upstream_requests_total'))
      calls[sample.labels['outcome'] ?? 'unknown'] = sample.value;
    const latency = mine
      .filter((sample) => sample.name === 'tributary_upstream_request_duration_seconds_bucket')
      .map((sample) => [sample.labels['le'] === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels['le']), sample.value] as const)
      .sort((a, b) => a[0] - b[0]);
    const lookups = (result: string) =>
      mine.find((sample) => sample.name === 'tributary_cache_lookups_total' && sample.labels['result'] === result)?.value ?? 0;
    const circuit = mine.find((sample) => sample.name === 'tributary_circuit_state')?.value ?? 0;
    return { name, circuit, calls, latency, cache: { hit: lookups('hit'), miss: lookups('miss') } };
  });
  return { time, sources };
}
