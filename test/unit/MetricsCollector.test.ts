import type { Worker } from 'node:cluster';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import type { PrimaryMessage } from '../../src/server/cluster/messages';
import { MetricsCollector } from '../../src/server/cluster/MetricsCollector';
import { rejectionOf } from './thrownBy';

/** A stand-in for a cluster worker that reports `metrics` when asked, unless it is `silent`. */
function fakeWorker(id: number, collector: () => MetricsCollector, metrics: GatewayMetrics, silent = false): Worker {
  const worker = {
    id,
    send(message: PrimaryMessage, callback: (error: Error | null) => void) {
      callback(null);
      if (silent || message.type !== 'tributary:metrics-collect') return true;
      void metrics.registry
        .getMetricsAsJSON()
        .then((report) => collector().receive(worker as unknown as Worker, message.id, { metrics: report }));
      return true;
    },
  };
  return worker as unknown as Worker;
}

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('MetricsCollector', () => {
  const first = new GatewayMetrics({ defaultMetrics: false });
  const second = new GatewayMetrics({ defaultMetrics: false });
  first.upstreamRequests.inc({ source: 'shop', outcome: 'success' }, 3);
  second.upstreamRequests.inc({ source: 'shop', outcome: 'success' }, 4);
  second.upstreamRequests.inc({ source: 'shop', outcome: 'timeout' });
  first.upstreamDuration.observe({ source: 'shop' }, 0.02);
  second.upstreamDuration.observe({ source: 'shop' }, 0.2);
  first.circuitState.set({ source: 'shop' }, 0);
  second.circuitState.set({ source: 'shop' }, 2);

  it('sums counters and histograms over the workers, and takes the most open circuit', async () => {
    const collector = new MetricsCollector();
    const text = await collector.collect([fakeWorker(1, () => collector, first), fakeWorker(2, () => collector, second)]);
    expect(value(text, 'tributary_upstream_requests_total{source="shop",outcome="success"}')).toBe(7);
    expect(value(text, 'tributary_upstream_requests_total{source="shop",outcome="timeout"}')).toBe(1);
    expect(value(text, 'tributary_upstream_request_duration_seconds_count{source="shop"}')).toBe(2);
    expect(value(text, 'tributary_upstream_request_duration_seconds_bucket{le="0.025",source="shop"}')).toBe(1);
    expect(value(text, 'tributary_circuit_state{source="shop"}')).toBe(2);
  });

  it('sums the workers left when one is gone before it reports', async () => {
    const collector = new MetricsCollector();
    const leaving = fakeWorker(2, () => collector, second, true);
    const collected = collector.collect([fakeWorker(1, () => collector, first), leaving]);
    collector.forget(leaving);
    expect(value(await collected, 'tributary_upstream_requests_total{source="shop",outcome="success"}')).toBe(3);
  });

  it('fails rather than answer a partial sum when a live worker does not report in time', async () => {
    const collector = new MetricsCollector(50);
    const error = await rejectionOf(() =>
      collector.collect([fakeWorker(1, () => collector, first), fakeWorker(2, () => collector, second, true)]),
    );
    expect(error.message).toBe('no metrics within 50 ms from worker 2');
  });

  it('answers an empty exposition when no worker serves', async () => {
    expect((await new MetricsCollector().collect([])).trim()).toBe('');
  });
});
