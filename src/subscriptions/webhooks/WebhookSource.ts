import type { Webhook } from 'standardwebhooks';

/** An upstream allowed to push events to `POST /webhooks/<name>`, compiled from `@webhookSource`. */
export interface WebhookSource {
  readonly name: string;
  /** Verifies the Standard Webhooks signature with the source's secret. */
  readonly verifier: Webhook;
}

/** An event as received, after its signature was checked. */
export interface WebhookEvent {
  /** The delivery's `webhook-id`, unique per delivery (retries of a delivery keep it). */
  readonly id: string;
  /** The payload's `type`, e.g. `order.status_changed`. */
  readonly type: string;
  /** The payload's `data`. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** The bus topic of one source's events of one type. */
export function webhookTopic(source: string, type: string): string {
  return `webhook:${source}:${type}`;
}
