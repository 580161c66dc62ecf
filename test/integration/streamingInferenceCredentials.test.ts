import { decodeJwt } from 'jose';
import type { DemoUpstream } from '../../src/demo/DemoUpstream';
import { startDemoUpstream } from '../../src/demo/DemoUpstream';
import { registerAssistantRoutes, type AssistantCall } from '../../src/demo/assistant/registerAssistantRoutes';
import { startOAuthServer, type OAuthServer } from '../helpers/startOAuthServer';
import { record, webSocketClient } from '../helpers/subscriptionClients';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';
import { streamedChatSchema } from '../helpers/streamedChatSchema';

const CLIENT_ID = 'gateway-models';
const CLIENT_SECRET = 'models-secret-7e41b2';
/** What the assistant's own routes check; the model server below accepts OAuth tokens in front of them. */
const API_KEY = 'inner-assistant-key';

const SDL = streamedChatSchema({
  sourceExtras:
    'auth: { oauth2: { tokenURL: "{env.TOKEN_URL}", clientId: "{env.MODELS_CLIENT_ID}", clientSecret: "{env.MODELS_CLIENT_SECRET}", scopes: ["models.chat"] } }',
});
const CHAT = 'subscription ($m: String!) { chat(message: $m) { delta done reply } }';

interface TextEvent {
  delta: string | null;
  done: boolean;
  reply: string | null;
}

describe('a streamed model reply from a source with OAuth 2.0 client credentials', () => {
  let oauth: OAuthServer;
  let models: DemoUpstream;
  let gateway: TestGateway;
  const calls: AssistantCall[] = [];
  /** The Authorization header of every chat call that reached the model server, in order. */
  const authorizations: (string | undefined)[] = [];
  /** How many of the next chat calls answer 401, as for an expired token. */
  let rejectNext = 0;
  const tokensIssued = () => oauth.events.filter((event) => event.event === 'token').length;

  beforeAll(async () => {
    oauth = await startOAuthServer(CLIENT_ID, CLIENT_SECRET);
    models = await startDemoUpstream('models', (app) => {
      // A model API behind an OAuth-protected gateway: a bearer JWT from the token server is let
      // through (as the assistant's own key), anything else is refused as OpenAI refuses a bad key.
      app.addHook('onRequest', async (request, reply) => {
        const authorization = request.headers.authorization;
        authorizations.push(authorization);
        const token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : '';
        let scope: unknown;
        try {
          scope = decodeJwt(token).scope;
        } catch {
          scope = undefined;
        }
        if (scope !== 'models.chat' || rejectNext > 0) {
          rejectNext = Math.max(0, rejectNext - 1);
          return reply
            .code(401)
            .send({ error: { message: 'Invalid or expired token.', type: 'invalid_request_error', code: 'invalid_api_key' } });
        }
        request.headers.authorization = `Bearer ${API_KEY}`;
        return undefined;
      });
      registerAssistantRoutes(app, API_KEY, calls, { completed: 0, aborted: 0 });
    });
    gateway = await startTestGateway({
      typeDefs: [SDL],
      env: {
        MODELS_URL: `${models.url}/v1`,
        // The source's own key is replaced by the OAuth token on every call.
        MODELS_KEY: 'not-the-credential',
        TOKEN_URL: `${oauth.url}/token`,
        MODELS_CLIENT_ID: CLIENT_ID,
        MODELS_CLIENT_SECRET: CLIENT_SECRET,
      },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await models.close();
    await oauth.close();
  });

  async function chat(message: string): Promise<TextEvent[]> {
    const client = webSocketClient(gateway.url);
    try {
      const recording = record(client, CHAT, { m: message });
      await recording.ended;
      return recording.results.map((result) => {
        expect(result.errors).toBeUndefined();
        return result.data?.['chat'] as TextEvent;
      });
    } finally {
      await client.dispose();
    }
  }

  it('opens the stream with the token the source was issued, and streams the reply', async () => {
    const before = authorizations.length;
    const events = await chat('Hello');
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)).toMatchObject({ done: true });
    expect(events.at(-1)?.reply?.length).toBeGreaterThan(5);
    const sent = authorizations.slice(before);
    expect(sent).toHaveLength(1);
    expect(decodeJwt(String(sent[0]).slice('Bearer '.length)).scope).toBe('models.chat');
    expect(tokensIssued()).toBe(1);
  });

  it('answers a 401 at the opening with one new token and one more opening, then streams', async () => {
    const issued = tokensIssued();
    const before = authorizations.length;
    rejectNext = 1;
    const events = await chat('Hello again');
    expect(events.at(-1)).toMatchObject({ done: true });
    expect(tokensIssued()).toBe(issued + 1);
    // A new token was asked for (the token server may sign the same claims within one second alike).
    expect(authorizations.slice(before)).toHaveLength(2);
  });

  it('gives up after that one more opening: the result is null with the error naming the source', async () => {
    const before = authorizations.length;
    rejectNext = 2;
    const client = webSocketClient(gateway.url);
    try {
      const recording = record(client, CHAT, { m: 'Third time' });
      await recording.ended;
      const last = recording.results.at(-1);
      // `chat` is non-null: its error nulls the whole result.
      expect(last?.data).toBeNull();
      expect(last?.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'UPSTREAM_REJECTED', source: 'models' }));
      expect(JSON.stringify(recording.results)).not.toContain(CLIENT_SECRET);
    } finally {
      await client.dispose();
    }
    expect(authorizations.slice(before)).toHaveLength(2);
  });
});
