import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import { PLAYGROUND_CSP } from '../playground/renderPlaygroundPage';
import { readStatus } from './readStatus';
import { STATUS_HTML, statusAsset } from './statusPage';

/**
 * `GET /status`: a page for people who would rather look than read — each source's circuit, call
 * rate, error ratio, p50/p99 latency and cache hit ratio, with live charts; `GET /status.json`:
 * the counters it is drawn from (summed over workers). `STATUS_PAGE=false` turns both off.
 */
export function registerStatusPage(app: FastifyInstance, metrics: GatewayMetrics, sourceNames: () => Iterable<string>): void {
  // The same strict CSP as the playground: the page runs only the gateway's own scripts and talks only to it.
  app.get('/status', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', PLAYGROUND_CSP)
      .send(STATUS_HTML),
  );
  app.get<{ Params: { file: string } }>('/status/:file', async (request, reply) => {
    const asset = statusAsset(request.params.file);
    if (asset === undefined) return reply.code(404).send({ error: 'not found' });
    return reply.type(asset.contentType).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
  app.get('/status.json', async (_request, reply) => {
    const exposition = await metrics.exposition();
    return reply.header('cache-control', 'no-store').send(readStatus(sourceNames(), exposition, Date.now()));
  });
}
