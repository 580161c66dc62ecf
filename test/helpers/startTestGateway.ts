import type { IResolvers } from '@graphql-tools/utils';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { loadAuthConfig } from '../../src/config/loadAuthConfig';
import { signToken } from '../../src/auth/signToken';
import { loadConfig } from '../../src/config/loadConfig';
import type { DemoUpstream } from '../../src/demo/DemoUpstream';
import { startDemoUpstreams } from '../../src/demo/startDemoUpstreams';
import type { ShopWebhooks } from '../../src/demo/shop/ShopWebhooks';
import { createLogger } from '../../src/observability/createLogger';
import { buildGateway, type BuiltGateway } from '../../src/server/buildGateway';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface TestGateway {
  readonly url: string;
  readonly gateway: BuiltGateway;
  /** The demo shop, when the test did not bring its own upstreams. */
  readonly shop: DemoUpstream | undefined;
  /** The demo shop's outgoing webhooks (to this gateway), when the test did not bring its own upstreams. */
  readonly shopWebhooks: ShopWebhooks | undefined;
  /** The environment the schema was compiled with (SHOP_WEBHOOK_SECRET among it, with the demo). */
  readonly env: Readonly<Record<string, string>>;
  /** A demo upstream by name (`shop`, `payments`, …), when the test did not bring its own. */
  demo(name: string): DemoUpstream | undefined;
  query(
    query: string,
    options?: { variables?: Record<string, unknown>; headers?: Record<string, string> },
  ): Promise<{ status: number; body: GraphQLResponse; headers: Headers }>;
  /** Current value of a counter or gauge sample, 0 when absent. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/** The HS256 secret test gateways verify tokens with. */
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/** A valid token for the test gateways. */
export function testToken(subject: string, scopes: readonly string[] = [], ttl = '5m'): Promise<string> {
  return signToken({ secret: TEST_JWT_SECRET, subject, scopes, ttl });
}

export interface TestGatewayOptions {
  /** Authentication settings, as environment variables (JWT_SECRET defaults to TEST_JWT_SECRET). */
  authEnv?: Record<string, string>;
  logger?: Logger;
  typeDefs?: readonly (string | DocumentNode)[];
  env?: Record<string, string>;
  resolvers?: IResolvers;
  configEnv?: Record<string, string>;
}

/**
 * Starts the real gateway on a free loopback port. Without `env`, it also starts every demo
 * upstream and serves the demo schema in schema/, as `npm start` does.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const shopKey = 'test-shop-key-0123456789';
  const demos = options.env ? undefined : await startDemoUpstreams({ SHOP_API_KEY: shopKey });
  const demo = (name: string) => demos?.started.find((upstream) => upstream.name === name);
  const shop = demo('shop');
  const env = options.env ?? (demos?.env as Record<string, string>);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...options.configEnv });
  let gateway: BuiltGateway;
  try {
    gateway = await buildGateway({
      config,
      env,
      logger: options.logger ?? createLogger('silent'),
      auth: loadAuthConfig({ JWT_SECRET: TEST_JWT_SECRET, ...options.authEnv }),
      ...(options.typeDefs ? { typeDefs: options.typeDefs } : {}),
      ...(options.resolvers ? { resolvers: options.resolvers } : {}),
    });
  } catch (error) {
    await demos?.close();
    throw error;
  }
  const url = await gateway.listen();
  demos?.deliverWebhooksTo(url);
  return {
    url,
    gateway,
    shop,
    shopWebhooks: demos?.shopWebhooks,
    env,
    demo,
    async query(query, { variables, headers } = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse, headers: response.headers };
    },
    async metric(name, labels = {}) {
      const metrics = await gateway.metrics.registry.getSingleMetric(name)?.get();
      const sample = metrics?.values.find((value) =>
        Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected),
      );
      return sample?.value ?? 0;
    },
    async close() {
      await gateway.close();
      await demos?.close();
    },
  };
}
