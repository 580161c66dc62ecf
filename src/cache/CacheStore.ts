/**
 * Where cached values live: a tiny interface, so features never see the storage library. Values
 * must be JSON-serialisable, and a value read is read-only: the memory backend hands out the
 * stored value itself. A store never throws: when its backend fails it answers "miss" (and
 * drops writes), so a cache outage costs speed, never answers.
 */
export interface CacheStore {
  /** `memory` or `redis`. */
  readonly backend: string;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** False while the backend is failing (it was unreachable within the last second). */
  healthy(): boolean;
  /** Checks the backend now (a read), so `healthy()` reflects it. */
  probe(): Promise<void>;
  close(): Promise<void>;
}

/** Reports backend failures (for a warning log and a metric); the store itself keeps serving. */
export type CacheErrorListener = (operation: 'get' | 'set' | 'delete' | 'connect', error: unknown) => void;
