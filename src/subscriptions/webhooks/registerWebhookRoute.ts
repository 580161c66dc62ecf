import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { EventBus } from '../EventBus';
import type { ReplayGuard } from './ReplayGuard';
import { verifyWebhook } from './verifyWebhook';
import { webhookTopic, type WebhookSource } from './WebhookSource';

export interface WebhookRouteOptions {
  /** The webhook sources of the schema being served (a reload may change them). */
  readonly sources: () => ReadonlyMap<string, WebhookSource>;
  readonly bus: EventBus;
  readonly replays: ReplayGuard;
  readonly logger: Logger;
  /** Counts deliveries by source and outcome. */
  readonly count: (source: string, outcome: 'accepted' | 'refused' | 'replayed') => void;
}

/**
 * `POST /webhooks/<source>`: a delivery whose signature, timestamp and id check out is published
 * on the bus (to every instance's subscribers) and answered 202; any other is answered 400 or 401
 * and reaches no subscriber. The body is read raw, as the signature covers its exact bytes.
 */
export async function registerWebhookRoute(app: FastifyInstance, options: WebhookRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post<{ Params: { source: string } }>('/webhooks/:source', async (request, reply) => {
      const name = request.params.source;
      const source = options.sources().get(name);
      if (source === undefined) return reply.code(404).send({ error: `no webhook source "${name}"` });
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const verdict = verifyWebhook(source.verifier, rawBody, request.headers);
      if (!verdict.accepted) {
        options.count(name, 'refused');
        options.logger.warn({ source: name, status: verdict.status, reason: verdict.message }, 'webhook refused');
        return reply.code(verdict.status).send({ error: verdict.message });
      }
      const { event } = verdict;
      if (!(await options.replays.firstSeen(name, event.id))) {
        options.count(name, 'replayed');
        options.logger.warn({ source: name, deliveryId: event.id }, 'webhook replay refused');
        return reply.code(400).send({ error: `delivery ${event.id} was already received` });
      }
      options.count(name, 'accepted');
      options.bus.publish(webhookTopic(name, event.type), event.data);
      return reply.code(202).send({ accepted: event.id });
    });
  });
}
