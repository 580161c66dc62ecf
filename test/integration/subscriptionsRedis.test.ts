import { Redis } from 'ioredis';
import { describeWhen, REDIS_URL, redisReachable } from '../helpers/redisAvailability';
import { postWebhook, record, settle, sseClient, webSocketClient } from '../helpers/subscriptionClients';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const SECRET = `whsec_${Buffer.from('a-shared-webhook-secret-32-bytes').toString('base64')}`;
const typeDefs = /* GraphQL */ `
  extend schema @webhookSource(name: "feed", secret: "{env.FEED_SECRET}")
  type Query {
    ok: Boolean
  }
  type Tick {
    n: Int!
  }
  type Subscription {
    ticks: Tick @webhook(source: "feed", event: "tick")
  }
`;

describeWhen(redisReachable(), `Redis pub/sub tests need a Redis at ${REDIS_URL} (set REDIS_URL)`)('two instances on one Redis', () => {
  let first: TestGateway;
  let second: TestGateway;
  let alone: TestGateway;
  const prefix = `test-events-${process.pid}-${Date.now()}`;
  const otherPrefix = `test-other-${process.pid}-${Date.now()}`;

  /** Waits until `count` instances have subscribed to the topic in Redis (SUBSCRIBE is acknowledged asynchronously). */
  async function redisSubscribers(keyPrefix: string, count: number): Promise<void> {
    const redis = new Redis(REDIS_URL);
    try {
      for (let waited = 0; waited < 200; waited += 1) {
        const [, subscribers] = (await redis.pubsub('NUMSUB', `${keyPrefix}:events:webhook:feed:tick`)) as [string, number];
        if (subscribers >= count) return;
        await settle(100);
      }
      throw new Error(`fewer than ${count} instance(s) subscribed in Redis with prefix ${keyPrefix}`);
    } finally {
      redis.disconnect();
    }
  }

  beforeAll(async () => {
    const configEnv = { REDIS_URL, KEY_PREFIX: prefix };
    const env = { FEED_SECRET: SECRET };
    first = await startTestGateway({ typeDefs: [typeDefs], env, configEnv });
    second = await startTestGateway({ typeDefs: [typeDefs], env, configEnv });
    // Another deployment on the same Redis: its own key prefix keeps it apart.
    alone = await startTestGateway({ typeDefs: [typeDefs], env, configEnv: { REDIS_URL, KEY_PREFIX: otherPrefix } });
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close(), alone.close()]);
  });

  it('delivers a webhook received by one instance to the subscribers of both', async () => {
    const onFirst = webSocketClient(first.url);
    const onSecond = sseClient(second.url);
    const elsewhere = webSocketClient(alone.url);
    const a = record(onFirst, 'subscription { ticks { n } }');
    const b = record(onSecond, 'subscription { ticks { n } }');
    const c = record(elsewhere, 'subscription { ticks { n } }');
    await redisSubscribers(prefix, 2);
    await redisSubscribers(otherPrefix, 1);
    expect((await postWebhook(first.url, 'feed', { type: 'tick', data: { n: 1 } }, { secret: SECRET })).status).toBe(202);
    expect(await a.received(1)).toEqual([{ data: { ticks: { n: 1 } } }]);
    expect(await b.received(1)).toEqual([{ data: { ticks: { n: 1 } } }]);
    await settle();
    expect(c.results).toEqual([]);
    a.stop();
    b.stop();
    c.stop();
    await onFirst.dispose();
    onSecond.dispose();
    await elsewhere.dispose();
  });

  it('refuses a delivery replayed to the other instance', async () => {
    const delivered = await postWebhook(first.url, 'feed', { type: 'tick', data: { n: 2 } }, { secret: SECRET });
    expect(delivered.status).toBe(202);
    const replayed = await postWebhook(second.url, 'feed', { type: 'tick', data: { n: 2 } }, { secret: SECRET, id: delivered.id });
    expect(replayed.status).toBe(400);
  });
});
