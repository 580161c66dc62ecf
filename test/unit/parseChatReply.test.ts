import { RESILIENCE_DEFAULTS } from '../../src/schema/ResilienceSettings';
import { buildSchema, type GraphQLOutputType } from 'graphql';
import { buildChatRequest } from '../../src/connectors/inference/buildChatRequest';
import { compileReplyValidator } from '../../src/connectors/inference/compileReplyValidator';
import { deriveJsonSchema } from '../../src/connectors/inference/deriveJsonSchema';
import type { InferenceFieldPlan } from '../../src/connectors/inference/InferenceFieldPlan';
import type { InferenceSourceConfig } from '../../src/connectors/inference/InferenceSourceConfig';
import { parseChatReply } from '../../src/connectors/inference/parseChatReply';
import { readTokenUsage } from '../../src/connectors/inference/readTokenUsage';
import { BadUserInputError } from '../../src/errors/BadUserInputError';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { parseTemplate } from '../../src/templates/parseTemplate';
import { thrownBy } from './thrownBy';

const schema = buildSchema(`
  enum Intent { ORDER_TRACKING OTHER }
  type Reply { answer: String! intent: Intent! }
  type Query { reply: Reply intents: [Intent!]! text: String }
`);
const typeOf = (name: string): GraphQLOutputType => {
  const found = schema.getQueryType()?.getFields()[name];
  if (!found) throw new Error(`no field ${name}`);
  return found.type;
};

const source: InferenceSourceConfig = {
  kind: 'inference',
  name: 'assistant',
  baseURL: 'https://models.example.com/v1',
  apiKey: 'k',
  streamIdleTimeoutMs: 30_000,
  model: 'chat-1',
  embeddingModel: 'embed-1',
  auth: undefined,
  headers: {},
  timeoutMs: 60_000,
  maxResponseBytes: 1 << 20,
  maxBatchSize: 64,
  cacheMaxAgeSeconds: 86_400,
  resilience: RESILIENCE_DEFAULTS,
};

function plan(field: 'reply' | 'intents' | 'text', overrides: Partial<InferenceFieldPlan> = {}): InferenceFieldPlan {
  const type = typeOf(field);
  const format: InferenceFieldPlan['format'] =
    field === 'text'
      ? { kind: 'text' }
      : (() => {
          const { schema: json, wrapped } = deriveJsonSchema(type);
          return { kind: 'json', name: `Query_${field}`, schema: json, wrapped, validate: compileReplyValidator(json), type };
        })();
  return {
    kind: 'inference',
    coordinate: `Query.${field}`,
    source,
    system: parseTemplate('You help {claims.name}.'),
    prompt: parseTemplate('{args.message}'),
    temperature: 0,
    maxTokens: 100,
    format,
    cache: undefined,
    ...overrides,
  };
}

/** A chat completion as an OpenAI-compatible server sends it. */
function completion(message: Record<string, unknown>, finishReason = 'stop'): unknown {
  return {
    id: 'c1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, finish_reason: finishReason }],
    usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
  };
}

function reasonOf(action: () => unknown): unknown {
  const error = thrownBy(action);
  expect(error).toBeInstanceOf(UpstreamBadResponseError);
  return (error as UpstreamBadResponseError).extensions['reason'];
}

describe('buildChatRequest', () => {
  it('renders the system and user messages and asks for the field’s JSON schema in strict mode', () => {
    const request = buildChatRequest(plan('reply'), { args: { message: 'Where is my order?' }, claims: { name: 'Ada' } });
    expect(request).toEqual({
      model: 'chat-1',
      messages: [
        { role: 'system', content: 'You help Ada.' },
        { role: 'user', content: 'Where is my order?' },
      ],
      temperature: 0,
      max_tokens: 100,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'Query_reply', strict: true, schema: expect.objectContaining({ type: 'object' }) as unknown },
      },
    });
  });

  it('sends a text field without response_format, and leaves out an empty system message', () => {
    const request = buildChatRequest(plan('text', { system: parseTemplate('{claims.missing}'), maxTokens: undefined }), {
      args: { message: 'Hi' },
    });
    expect(request).toEqual({ model: 'chat-1', messages: [{ role: 'user', content: 'Hi' }], temperature: 0 });
  });

  it('refuses an empty prompt with BAD_USER_INPUT before anything is sent', () => {
    expect(thrownBy(() => buildChatRequest(plan('text'), { args: { message: '  ' } }))).toBeInstanceOf(BadUserInputError);
  });
});

describe('parseChatReply', () => {
  it('maps a JSON answer that fits the type, enum values to GraphQL names', () => {
    expect(parseChatReply(plan('reply'), completion({ content: '{"answer":"Soon.","intent":"order_tracking"}' }))).toEqual({
      answer: 'Soon.',
      intent: 'ORDER_TRACKING',
    });
  });

  it('unwraps a value that is not an object', () => {
    expect(parseChatReply(plan('intents'), completion({ content: '{"value":["other","order_tracking"]}' }))).toEqual([
      'OTHER',
      'ORDER_TRACKING',
    ]);
  });

  it('returns a text answer trimmed', () => {
    expect(parseChatReply(plan('text'), completion({ content: ' Hello. \n' }))).toBe('Hello.');
  });

  it('refuses an answer that does not fit the schema as a whole, never half-filled, without quoting it', () => {
    const error = thrownBy(() => parseChatReply(plan('reply'), completion({ content: '{"answer":"secret words","intent":"maybe"}' })));
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error.message).toBe(
      'The answer of "assistant" for Query.reply does not match its type: /intent must be equal to one of the allowed values',
    );
    expect(error.message).not.toContain('secret words');
    expect(reasonOf(() => parseChatReply(plan('reply'), completion({ content: '{"answer":"x"' })))).toBe('schema_violation');
    expect(reasonOf(() => parseChatReply(plan('reply'), completion({ content: '{"answer":"x","intent":"other","more":1}' })))).toBe(
      'schema_violation',
    );
  });

  it('reports a refusal as a refusal, even for a text field', () => {
    expect(reasonOf(() => parseChatReply(plan('reply'), completion({ content: null, refusal: 'I cannot help with that.' })))).toBe(
      'refusal',
    );
    expect(reasonOf(() => parseChatReply(plan('text'), completion({ content: null, refusal: 'No.' })))).toBe('refusal');
  });

  it('reports an answer cut off at the token limit, or filtered, as such', () => {
    expect(reasonOf(() => parseChatReply(plan('reply'), completion({ content: '{"answer":"So' }, 'length')))).toBe('length');
    expect(reasonOf(() => parseChatReply(plan('text'), completion({ content: 'Half a sent' }, 'length')))).toBe('length');
    expect(reasonOf(() => parseChatReply(plan('text'), completion({ content: '' }, 'content_filter')))).toBe('content_filter');
  });

  it('refuses something that is not a chat completion', () => {
    expect(reasonOf(() => parseChatReply(plan('text'), '<html>'))).toBe('malformed_reply');
    expect(reasonOf(() => parseChatReply(plan('text'), { choices: [] }))).toBe('malformed_reply');
    expect(reasonOf(() => parseChatReply(plan('text'), completion({ content: 42 })))).toBe('malformed_reply');
  });
});

describe('readTokenUsage', () => {
  it('reads prompt and completion tokens of a chat answer, and input tokens of embeddings', () => {
    expect(readTokenUsage(completion({ content: 'x' }), 'chat')).toEqual({ prompt: 12, completion: 5, embedding: 0 });
    expect(readTokenUsage({ usage: { prompt_tokens: 30, total_tokens: 30 } }, 'embedding')).toEqual({
      prompt: 0,
      completion: 0,
      embedding: 30,
    });
  });

  it('counts an answer without usage, or with nonsense in it, as none', () => {
    expect(readTokenUsage({}, 'chat')).toEqual({ prompt: 0, completion: 0, embedding: 0 });
    expect(readTokenUsage({ usage: { prompt_tokens: -3, completion_tokens: 'many' } }, 'chat')).toEqual({
      prompt: 0,
      completion: 0,
      embedding: 0,
    });
  });
});
