import type { Registry } from 'prom-client';

/** One worker's metrics as its registry lists them (`getMetricsAsJSON`), for the primary to sum. */
export type MetricsReport = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** What a worker tells the primary over the cluster's IPC channel. */
export type WorkerMessage =
  | { readonly type: 'tributary:listening'; readonly url: string }
  /** The gateway could not start; `fatal` when starting again cannot help (a bad schema or setting). */
  | { readonly type: 'tributary:failed'; readonly description: string; readonly fatal: boolean }
  /** Someone asked this worker for /metrics: it wants the sum over every worker. */
  | { readonly type: 'tributary:metrics-wanted'; readonly id: number }
  | { readonly type: 'tributary:metrics-report'; readonly id: number; readonly metrics: MetricsReport }
  | { readonly type: 'tributary:metrics-report'; readonly id: number; readonly error: string }
  /** An event for subscribers (a webhook this worker received), to relay to every other worker. */
  | { readonly type: 'tributary:event'; readonly topic: string; readonly payload: unknown }
  /** Has any worker accepted this webhook delivery (`key`) before? The primary remembers it from now on. */
  | { readonly type: 'tributary:delivery-claim'; readonly id: number; readonly key: string; readonly rememberSeconds: number };

/** What the primary tells a worker. */
export type PrimaryMessage =
  | { readonly type: 'tributary:drain' }
  /** SIGHUP reached the primary: compile the schema folder again. */
  | { readonly type: 'tributary:reload' }
  | { readonly type: 'tributary:metrics-collect'; readonly id: number }
  | { readonly type: 'tributary:metrics-sum'; readonly id: number; readonly text: string }
  | { readonly type: 'tributary:metrics-sum'; readonly id: number; readonly error: string }
  /** An event another worker received, for this worker's subscribers. */
  | { readonly type: 'tributary:event'; readonly topic: string; readonly payload: unknown }
  /** The answer to a `tributary:delivery-claim`: true when no worker had accepted the delivery. */
  | { readonly type: 'tributary:delivery-claimed'; readonly id: number; readonly first: boolean };

const WORKER_TYPES: ReadonlySet<string> = new Set<WorkerMessage['type']>([
  'tributary:listening',
  'tributary:failed',
  'tributary:metrics-wanted',
  'tributary:metrics-report',
  'tributary:event',
  'tributary:delivery-claim',
]);
const PRIMARY_TYPES: ReadonlySet<string> = new Set<PrimaryMessage['type']>([
  'tributary:drain',
  'tributary:reload',
  'tributary:metrics-collect',
  'tributary:metrics-sum',
  'tributary:event',
  'tributary:delivery-claimed',
]);

function typeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  return typeof value.type === 'string' ? value.type : undefined;
}

/**
 * The message, if it is one of ours. The channel is shared: Node's cluster internals and any
 * library may send on it too, so anything else is ignored.
 */
export function asWorkerMessage(value: unknown): WorkerMessage | undefined {
  const type = typeOf(value);
  return type !== undefined && WORKER_TYPES.has(type) ? (value as WorkerMessage) : undefined;
}

/** The message, if it is one of ours (see asWorkerMessage). */
export function asPrimaryMessage(value: unknown): PrimaryMessage | undefined {
  const type = typeOf(value);
  return type !== undefined && PRIMARY_TYPES.has(type) ? (value as PrimaryMessage) : undefined;
}

/** Sends to the primary; resolves once the message is handed to the channel (false when it is closed). */
export function sendToPrimary(message: WorkerMessage): Promise<boolean> {
  return new Promise((resolve) => {
    if (process.send === undefined || !process.connected) {
      resolve(false);
      return;
    }
    process.send(message, undefined, {}, (error: Error | null) => resolve(error === null));
  });
}
