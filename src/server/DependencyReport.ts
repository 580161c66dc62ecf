import type { CircuitStateName } from '../http/resilience/SourceGuard';

/** What every instance shares, and how it is: `GET /dependencies`. */
export interface DependencyReport {
  /** `degraded` while Redis is down or a circuit is not closed; the gateway still answers. */
  readonly status: 'ok' | 'degraded';
  readonly redis: 'up' | 'down' | 'not configured';
  readonly sources: Readonly<Record<string, { readonly circuit: CircuitStateName }>>;
}

export function dependencyReport(redis: DependencyReport['redis'], circuits: ReadonlyMap<string, CircuitStateName>): DependencyReport {
  const sources = Object.fromEntries([...circuits].map(([source, circuit]) => [source, { circuit }]));
  const degraded = redis === 'down' || [...circuits.values()].some((circuit) => circuit !== 'closed');
  return { status: degraded ? 'degraded' : 'ok', redis, sources };
}
