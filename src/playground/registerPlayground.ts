import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { playgroundAsset } from './playgroundAssets';
import { PLAYGROUND_CSP, renderPlaygroundPage, type PlaygroundTab } from './renderPlaygroundPage';

const ASSETS_PATH = '/playground';

/**
 * Serves the self-hosted GraphiQL playground: a browser's GET of the GraphQL endpoint (it accepts
 * text/html and carries no query) gets the page; the assets come from this server, never a CDN.
 * Returns the hook to run before the endpoint's GraphQL handler.
 */
export function registerPlayground(app: FastifyInstance, endpoint: string, tabs: readonly PlaygroundTab[]) {
  const page = renderPlaygroundPage({ endpoint, assetsPath: ASSETS_PATH, tabs });
  app.get<{ Params: { file: string } }>(`${ASSETS_PATH}/:file`, async (request, reply) => {
    const asset = playgroundAsset(request.params.file);
    if (!asset) return reply.code(404).send({ error: 'not found' });
    return reply.header('content-type', asset.contentType).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
  return async function servePlaygroundPage(request: FastifyRequest, reply: FastifyReply) {
    const query = request.query as Record<string, unknown> | undefined;
    const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html') && query?.['query'] === undefined;
    if (!wantsPage) return;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PLAYGROUND_CSP)
      .header('x-content-type-options', 'nosniff')
      .send(page);
  };
}
