import { printSchema } from 'graphql';
import { createCacheStore } from '../../src/cache/createCacheStore';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';
import { SchemaCompileError, type SchemaProblem } from '../../src/schema/SchemaProblem';
import { rejectionOf } from './thrownBy';

const transport = new HttpTransport();
const runtime = { transport, cache: createCacheStore({ namespace: 'test' }), metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(() => transport.close());

const SECRET = `whsec_${Buffer.from('twenty-four-bytes-secret').toString('base64')}`;

async function problemsOf(sdl: string, env: Record<string, string> = {}): Promise<SchemaProblem[]> {
  const error = await rejectionOf(() => compileSchema({ typeDefs: [sdl], env, ...runtime }));
  expect(error).toBeInstanceOf(SchemaCompileError);
  return [...(error as SchemaCompileError).problems].sort((a, b) =>
    `${a.coordinate}${a.message}`.localeCompare(`${b.coordinate}${b.message}`),
  );
}

describe('compiling subscription fields', () => {
  it('reports every problem of @webhookSource, @webhook and @poll with its coordinate', async () => {
    const sdl = `
      extend schema
        @source(name: "svc", rest: { baseURL: "https://svc.example.com" })
        @webhookSource(name: "shop", secret: "{env.SHOP_WEBHOOK_SECRET}")
        @webhookSource(name: "weak", secret: "whsec_c2hvcnQ=")
        @webhookSource(name: "bad name", secret: "${SECRET}")
        @webhookSource(name: "unset", secret: "{env.UNSET_SECRET}")
      type Query {
        ok: Boolean @webhook(source: "shop", event: "x")
      }
      type Subscription {
        unknownSource: String @webhook(source: "nobody", event: "x")
        badFilter: String @webhook(source: "shop", event: "x", filter: { id: "{args.missing}" })
        noSource: String
        pollWithoutCall: String @poll(intervalMs: 1000)
        tooFast: String @poll(intervalMs: 10) @rest(source: "svc", path: "/x")
        both: String @webhook(source: "shop", event: "x") @poll(intervalMs: 1000)
      }
    `;
    expect(await problemsOf(sdl, { SHOP_WEBHOOK_SECRET: SECRET })).toEqual([
      { coordinate: '@webhookSource(bad name)', message: 'name must be letters, digits, "-" or "_" (it is a URL path segment)' },
      { coordinate: '@webhookSource(unset) secret', message: 'environment variable UNSET_SECRET is not set' },
      { coordinate: '@webhookSource(weak)', message: 'secret must be "whsec_" followed by at least 24 bytes in base64' },
      { coordinate: 'Query.ok', message: '@webhook can only feed a field of the Subscription type' },
      {
        coordinate: 'Subscription.badFilter',
        message: '@webhook filter.id: {args.missing} names an argument the field does not have',
      },
      { coordinate: 'Subscription.both', message: 'use one event source of @webhook, @poll, not several' },
      {
        coordinate: 'Subscription.noSource',
        message: 'a Subscription field needs an event source: @webhook, @poll with @rest or @soap, or @inference(stream: true)',
      },
      { coordinate: 'Subscription.pollWithoutCall', message: '@poll needs the upstream call to repeat: add @rest or @soap to the field' },
      { coordinate: 'Subscription.tooFast', message: '@poll intervalMs must be an integer of at least 100' },
      { coordinate: 'Subscription.unknownSource', message: '@webhook source "nobody" is not declared with @webhookSource' },
    ]);
  });

  it('reports every problem of @inference(stream: true) and its event type with its coordinate', async () => {
    const sdl = `
      extend schema @source(name: "model", inference: { baseURL: "https://models.example.com/v1", model: "m" })
      type Answer { text: String! }
      type Event { delta: String, done: Boolean!, reply: Answer, usage: Usage }
      type Usage { promptTokens: Int!, completionTokens: Int!, totalTokens: Int! }
      type NonNullReply { done: Boolean!, reply: Answer! }
      type Loose { delta: Int, reply: String, usage: Usage!, extra: String }
      type BadUsage { done: Boolean!, reply: String, usage: Cost }
      type Cost { dollars: Float }
      type Query {
        ask(q: String!): String @inference(source: "model", prompt: "{args.q}", stream: true)
      }
      type Subscription {
        ok(q: String!): Event @inference(source: "model", prompt: "{args.q}", stream: true)
        notAnObject(q: String!): String @inference(source: "model", prompt: "{args.q}", stream: true)
        nonNullReply(q: String!): NonNullReply @inference(source: "model", prompt: "{args.q}", stream: true)
        loose(q: String!): Loose @inference(source: "model", prompt: "{args.q}", stream: true)
        badUsage(q: String!): BadUsage @inference(source: "model", prompt: "{args.q}", stream: true)
        polledToo(q: String!): Event @inference(source: "model", prompt: "{args.q}", stream: true) @poll(intervalMs: 1000)
        badPrompt: Event @inference(source: "model", prompt: "{args.missing}", stream: true)
      }
    `;
    expect(await problemsOf(sdl)).toEqual([
      { coordinate: 'Query.ask', message: '@inference(stream: true) can only feed a field of the Subscription type' },
      { coordinate: 'Subscription.badPrompt', message: '@inference prompt: {args.missing} names an argument the field does not have' },
      {
        coordinate: 'Subscription.badUsage',
        message: 'BadUsage.usage: Cost.dollars is not one of promptTokens, completionTokens, totalTokens (Int)',
      },
      { coordinate: 'Subscription.loose', message: 'Loose.delta: must be a nullable String' },
      { coordinate: 'Subscription.loose', message: 'Loose.done: needed, a Boolean!: true on the last event' },
      {
        coordinate: 'Subscription.loose',
        message: 'Loose.extra: the stream fills only delta, done, reply and usage: give this field a resolver, or remove it',
      },
      {
        coordinate: 'Subscription.loose',
        message: 'Loose.usage: must be a nullable object of promptTokens, completionTokens, totalTokens (Int)',
      },
      { coordinate: 'Subscription.nonNullReply', message: 'NonNullReply.reply: needed, nullable: the answer, null until the last event' },
      {
        coordinate: 'Subscription.notAnObject',
        message: '@inference(stream: true) needs an object type of events, e.g. { delta: String, done: Boolean!, reply: … }',
      },
      { coordinate: 'Subscription.polledToo', message: 'use one event source of @poll, @inference(stream: true), not several' },
    ]);
  });

  it('serves the subscription fields without the gateway directives, with a subscribe function each', async () => {
    const { schema, webhookSources } = await compileSchema({
      typeDefs: [
        `extend schema @webhookSource(name: "shop", secret: "${SECRET}")
         type Query { ok: Boolean }
         type Subscription { changed(id: ID!): String @requiresScopes(scopes: [["a"]]) @webhook(source: "shop", event: "changed", filter: { id: "{args.id}" }) }`,
      ],
      env: {},
      ...runtime,
    });
    expect([...webhookSources.keys()]).toEqual(['shop']);
    const field = schema.getSubscriptionType()?.getFields()['changed'];
    expect(typeof field?.subscribe).toBe('function');
    expect(printSchema(schema)).not.toContain('@webhook');
    expect(schema.getDirective('webhook')).toBeUndefined();
    expect(field?.description).toContain('Requires: scope a');
  });
});
