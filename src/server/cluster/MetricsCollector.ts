import type { Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { MetricsReport, PrimaryMessage } from './messages';

interface Collection {
  /** Ids of the workers whose report is still awaited. */
  readonly awaited: Set<number>;
  readonly reports: MetricsReport[];
  readonly timer: NodeJS.Timeout;
  settle(outcome: { text: string } | { error: Error }): void;
}

/**
 * The primary's side of `/metrics` with several workers: asks each serving worker for its
 * registry and sums them with prom-client's `AggregatorRegistry.aggregate`, metric by metric as
 * each one's `aggregator` says.
 *
 * Rather than `AggregatorRegistry.clusterMetrics()`, which asks every connected worker: a worker
 * still starting has no registry to report yet, and one that never answers fails the scrape.
 */
export class MetricsCollector {
  #nextId = 0;
  readonly #collections = new Map<number, Collection>();

  constructor(private readonly timeoutMs = 5000) {}

  /** The sum over `workers`' metrics, in Prometheus text; rejects when one does not report in time. */
  collect(workers: readonly Worker[]): Promise<string> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const collection: Collection = {
        awaited: new Set(workers.map((worker) => worker.id)),
        reports: [],
        timer: setTimeout(() => {
          const late = [...collection.awaited].join(', ');
          collection.settle({ error: new Error(`no metrics within ${this.timeoutMs} ms from worker ${late}`) });
        }, this.timeoutMs),
        settle: (outcome) => {
          clearTimeout(collection.timer);
          this.#collections.delete(id);
          if ('error' in outcome) reject(outcome.error);
          else resolve(outcome.text);
        },
      };
      this.#collections.set(id, collection);
      const message: PrimaryMessage = { type: 'tributary:metrics-collect', id };
      for (const worker of workers) {
        worker.send(message, (error) => {
          if (error !== null) this.#drop(collection, worker.id);
        });
      }
      if (workers.length === 0) this.#finishIfComplete(collection);
    });
  }

  /** A worker's report (or its failure to make one) for collection `id`. */
  receive(worker: Worker, id: number, report: { metrics: MetricsReport } | { error: string }): void {
    const collection = this.#collections.get(id);
    if (collection === undefined || !collection.awaited.has(worker.id)) return;
    if ('error' in report) {
      collection.settle({ error: new Error(`worker ${worker.id} could not read its metrics: ${report.error}`) });
      return;
    }
    collection.reports.push(report.metrics);
    this.#drop(collection, worker.id);
  }

  /** A worker is gone: its counts left with it, so the others' sum is the gateway's. */
  forget(worker: Worker): void {
    for (const collection of this.#collections.values()) this.#drop(collection, worker.id);
  }

  #drop(collection: Collection, workerId: number): void {
    if (collection.awaited.delete(workerId)) this.#finishIfComplete(collection);
  }

  #finishIfComplete(collection: Collection): void {
    if (collection.awaited.size > 0) return;
    const failed = (error: unknown) => collection.settle({ error: error instanceof Error ? error : new Error(String(error)) });
    try {
      AggregatorRegistry.aggregate(collection.reports)
        .metrics()
        .then((text) => collection.settle({ text }), failed);
    } catch (error) {
      failed(error);
    }
  }
}
