import type { RequestObserver } from './RequestObserver';

/**
 * Reports what a request spent on inference in its response, as
 * `extensions.inference: { calls, cachedAnswers, tokens: { prompt, completion, embedding, total } }`,
 * so a client sees the cost of what it asked for. Responses of requests that used no inference are
 * left as they are.
 */
export function reportInferenceUsage(): RequestObserver {
  return {
    responseReady({ requestContext: { contextValue, response } }) {
      const usage = contextValue.audit.inference;
      if (!usage.used || response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      result.extensions = { ...result.extensions, inference: usage.report() };
    },
  };
}
