import { Counter, Registry } from 'prom-client';
import { PendingCount, PendingCounts } from '../../src/observability/PendingCounts';

/** The counter's value per label set, as a scrape reads it (its `collect` runs first). */
async function read(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  return Object.fromEntries((metric?.values ?? []).map((value) => [JSON.stringify(value.labels), value.value]));
}

describe('PendingCount and PendingCounts', () => {
  it('add to their counter only when it is read, each increment once', async () => {
    const registry = new Registry();
    const bySource = new PendingCount('source');
    const coalesced: Counter<'source'> = new Counter({
      name: 'coalesced_total',
      help: 'test',
      labelNames: ['source'] as const,
      registers: [registry],
      collect: () => bySource.flushInto(coalesced),
    });
    const byOperation = new PendingCounts('operation', 'outcome');
    const operations: Counter<'operation' | 'outcome'> = new Counter({
      name: 'operations_total',
      help: 'test',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
      collect: () => byOperation.flushInto(operations),
    });

    bySource.add('shop');
    bySource.add('shop');
    bySource.add('reviews');
    byOperation.add('Order', 'success');
    byOperation.add('Order', 'error');
    byOperation.add('Order', 'success');
    expect(await read(registry, 'coalesced_total')).toEqual({ '{"source":"shop"}': 2, '{"source":"reviews"}': 1 });
    expect(await read(registry, 'operations_total')).toEqual({
      '{"operation":"Order","outcome":"success"}': 2,
      '{"operation":"Order","outcome":"error"}': 1,
    });

    // A second read adds nothing new; later increments are added once.
    bySource.add('shop');
    expect(await read(registry, 'coalesced_total')).toEqual({ '{"source":"shop"}': 3, '{"source":"reviews"}': 1 });
    expect(await read(registry, 'operations_total')).toEqual({
      '{"operation":"Order","outcome":"success"}': 2,
      '{"operation":"Order","outcome":"error"}': 1,
    });
  });
});
