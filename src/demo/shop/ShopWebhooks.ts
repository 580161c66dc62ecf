import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** One delivery the demo shop attempted, for tests and operators. */
export interface ShopDelivery {
  readonly id: string;
  readonly type: string;
  /** The gateway's answer; 0 when it could not be reached. */
  readonly status: number;
}

/**
 * The demo shop's outgoing webhooks, signed the Standard Webhooks way with the secret the
 * gateway's `@webhookSource(name: "shop")` checks. The shop starts before the gateway listens, so
 * the target is set afterwards (`deliverTo`); events before that are dropped, as a shop with no
 * subscriber configured would.
 */
export class ShopWebhooks {
  readonly deliveries: ShopDelivery[] = [];
  readonly #signer: Webhook;
  #target: string | undefined;

  constructor(secret: string) {
    this.#signer = new Webhook(secret);
  }

  /** Where events go from now on, e.g. `http://127.0.0.1:4000/webhooks/shop`. */
  deliverTo(url: string): void {
    this.#target = url;
  }

  /** Sends one event: `{ type, timestamp, data }`, signed over the exact bytes sent. */
  async send(type: string, data: Record<string, unknown>): Promise<void> {
    const target = this.#target;
    if (target === undefined) return;
    const id = `msg_${randomUUID()}`;
    const now = new Date();
    const body = JSON.stringify({ type, timestamp: now.toISOString(), data });
    let status = 0;
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': this.#signer.sign(id, now, body),
        },
        body,
      });
      status = response.status;
    } catch {
      // The gateway is down or restarting: a real shop would retry later; the demo drops the event.
    }
    this.deliveries.push({ id, type, status });
  }
}
