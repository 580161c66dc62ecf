import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';

export type ResponseOutcome = 'success' | 'partial' | 'error';

/** What a response came to, as the audit log, the metrics and the traces all name it. */
export interface ResponseSummary {
  readonly outcome: ResponseOutcome;
  /** The errors the client receives (those of the body, else those Apollo met). */
  readonly errors: readonly { readonly extensions?: Readonly<Record<string, unknown>> | undefined }[];
  /** Each error's `extensions.code`; `INTERNAL_SERVER_ERROR` where it has none. */
  readonly codes: readonly string[];
}

/** What every response without errors comes to (shared: observers only read it). */
const SUCCESS: ResponseSummary = Object.freeze({ outcome: 'success', errors: Object.freeze([]), codes: Object.freeze([]) });

/** Success with no error; partial with errors beside data; error with errors and no data. */
export function summarizeResponse<T extends object>({
  response,
  errors,
}: Pick<GraphQLRequestContextWillSendResponse<T>, 'response' | 'errors'>): ResponseSummary {
  const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
  const sent = body?.errors ?? errors ?? [];
  if (sent.length === 0) return SUCCESS;
  const hasData = body?.data !== undefined && body.data !== null;
  const codes = sent.map((error) => {
    const code = error.extensions?.['code'];
    return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
  });
  return { outcome: hasData ? 'partial' : 'error', errors: sent, codes };
}
