import { createHandler } from 'graphql-http/lib/use/fastify';
import { startDemoUpstream, type DemoUpstream } from '../DemoUpstream';
import { createReviewsData } from './reviewsData';
import { createReviewsSchema } from './reviewsSchema';

/**
 * Starts the demo reviews service, a GraphQL upstream (graphql-http, the GraphQL over HTTP
 * reference server) with product reviews keyed by SKU; its endpoint is `<url>/graphql`.
 */
export async function startDemoReviews(options: { port?: number } = {}): Promise<DemoUpstream> {
  const schema = createReviewsSchema(createReviewsData());
  const upstream = await startDemoUpstream('reviews', (app) => app.all('/graphql', createHandler({ schema })), options.port);
  return { ...upstream, url: `${upstream.url}/graphql` };
}
