import { DEMO_CHAT_MODEL } from '../../src/demo/assistant/registerAssistantRoutes';

/**
 * A schema with one streamed text reply, `chat(message:)`, from the inference source "models"
 * (`MODELS_URL`, `MODELS_KEY`); `sourceExtras` adds settings to the source (e.g. its `auth`).
 */
export function streamedChatSchema(options: { system?: string; sourceExtras?: string } = {}): string {
  const system = options.system === undefined ? '' : `system: ${JSON.stringify(options.system)}, `;
  return /* GraphQL */ `
    extend schema
      @source(
        name: "models"
        inference: { baseURL: "{env.MODELS_URL}", apiKey: "{env.MODELS_KEY}", model: "${DEMO_CHAT_MODEL}", streamIdleTimeoutMs: 5000 }
        ${options.sourceExtras ?? ''}
      )
    type TextEvent {
      delta: String
      done: Boolean!
      reply: String
    }
    type Query {
      ok: Boolean
    }
    type Subscription {
      chat(message: String!): TextEvent! @inference(source: "models", ${system}prompt: "{args.message}", stream: true)
    }
  `;
}
