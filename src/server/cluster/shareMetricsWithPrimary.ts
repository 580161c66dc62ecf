import type { GatewayMetrics } from '../../observability/GatewayMetrics';
import { asPrimaryMessage, sendToPrimary } from './messages';

/**
 * A worker's side of `/metrics`: reports this gateway's registry when the primary collects, and
 * makes the gateway's `/metrics` answer with the sum over every worker, which it asks the primary
 * for — whichever worker a scrape lands on, Prometheus sees the whole gateway.
 */
export function shareMetricsWithPrimary(metrics: GatewayMetrics, timeoutMs = 10_000): void {
  let nextId = 0;
  const awaited = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();

  process.on('message', (value: unknown) => {
    const message = asPrimaryMessage(value);
    if (message?.type === 'tributary:metrics-collect') {
      const { id } = message;
      metrics.registry.getMetricsAsJSON().then(
        (report) => sendToPrimary({ type: 'tributary:metrics-report', id, metrics: report }),
        (error: unknown) =>
          sendToPrimary({ type: 'tributary:metrics-report', id, error: error instanceof Error ? error.message : String(error) }),
      );
    } else if (message?.type === 'tributary:metrics-sum') {
      const waiter = awaited.get(message.id);
      awaited.delete(message.id);
      if ('text' in message) waiter?.resolve(message.text);
      else waiter?.reject(new Error(message.error));
    }
  });

  metrics.exposeFrom(
    () =>
      new Promise<string>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          awaited.delete(id);
          reject(new Error(`the primary did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
        awaited.set(id, {
          resolve: (text) => {
            clearTimeout(timer);
            resolve(text);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        void sendToPrimary({ type: 'tributary:metrics-wanted', id }).then((sent) => {
          if (sent) return;
          awaited.get(id)?.reject(new Error('the primary is gone'));
          awaited.delete(id);
        });
      }),
  );
}
