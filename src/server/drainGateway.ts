import type { GatewayConfig } from '../config/GatewayConfig';
import type { Gateway } from './createGateway';

export interface DrainTiming {
  /** How long /readyz answers 503 before the listener closes. */
  readonly delayMs: number;
  /** Longest the close may then take, for in-flight requests to finish. */
  readonly graceMs: number;
}

export function drainTiming(config: GatewayConfig): DrainTiming {
  return { delayMs: config.shutdownDelayMs, graceMs: config.shutdownGraceMs };
}

/**
 * The shutdown a signal starts: /readyz turns 503 at once so load balancers stop sending traffic,
 * the listener stays open `delayMs` for them to notice, then closes while in-flight requests
 * finish. Resolves true once the gateway closed, false when `delayMs + graceMs` passed first (the
 * close goes on, but the caller should not wait for it).
 */
export function drainGateway(gateway: Gateway, timing: DrainTiming): Promise<boolean> {
  gateway.beginShutdown();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timing.delayMs + timing.graceMs);
    const settle = (closed: boolean) => {
      clearTimeout(timer);
      resolve(closed);
    };
    void new Promise((wait) => setTimeout(wait, timing.delayMs))
      .then(() => gateway.close())
      .then(
        () => settle(true),
        () => settle(false),
      );
  });
}
