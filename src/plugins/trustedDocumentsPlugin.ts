import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { TrustedDocumentRefusedError } from '../errors/TrustedDocumentRefusedError';
import { toGraphQLError } from '../errors/toGraphQLError';
import type { Logger } from 'pino';
import type { Caller } from '../auth/Caller';
import type { RequestContext } from '../execution/RequestContext';
import { documentId, type TrustedDocuments, type TrustedDocumentsMode } from '../trustedDocuments/TrustedDocuments';

export interface TrustedDocumentsOptions {
  readonly documents: TrustedDocuments;
  readonly mode: TrustedDocumentsMode;
  /** Callers holding any of these scopes may send any operation (e.g. staff tools). */
  readonly exemptScopes: readonly string[];
  readonly logger: Logger;
}

/**
 * Trusted documents (persisted operations), with Apollo Router's semantics and error codes. An
 * operation sent by id (`extensions.persistedQuery.sha256Hash`, as Apollo Client and GraphQL
 * Code Generator's clients send it) is looked up in the manifest and runs as the listed document;
 * an id the manifest does not list is left to automatic persisted queries when the mode allows
 * unlisted operations, and refused with `PERSISTED_QUERY_NOT_IN_LIST` otherwise. A full document
 * is refused with `QUERY_NOT_IN_SAFELIST` (`safelist`) or `PERSISTED_QUERY_ID_REQUIRED` (`ids`)
 * unless listed; `log` lets it run and logs it. Callers with an exempt scope are never restricted.
 * Everything is decided before parsing, so a refused operation costs nothing and calls nothing;
 * the audit log records it as an error like any other refused request.
 */
export function trustedDocumentsPlugin(options: TrustedDocumentsOptions): ApolloServerPlugin<RequestContext> {
  const { documents, mode, exemptScopes, logger } = options;
  const restricted = mode === 'safelist' || mode === 'ids';

  /** What to refuse the request with; undefined lets it run (rewritten to the listed document when sent by id). */
  const decide = (request: GraphQLRequest, caller: Caller): TrustedDocumentRefusedError | undefined => {
    const exempt = exemptScopes.some((scope) => caller.scopes.has(scope));
    const { persistedQuery, ...otherExtensions } = request.extensions ?? {};
    const id = (persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
    if (typeof id === 'string' && request.query === undefined) {
      const body = documents.body(id);
      if (body !== undefined) {
        // Runs as the listed document; the id is the manifest's (not necessarily the document's
        // sha256), so it does not go through automatic persisted queries.
        request.query = body;
        request.extensions = otherExtensions;
        return undefined;
      }
      // Unless restricted, automatic persisted queries may know it.
      return restricted && !exempt
        ? new TrustedDocumentRefusedError('PERSISTED_QUERY_NOT_IN_LIST', `Operation ${id} is not in the list of trusted operations.`)
        : undefined;
    }
    if (request.query === undefined || mode === 'off' || exempt) return undefined;
    if (mode === 'ids')
      return new TrustedDocumentRefusedError('PERSISTED_QUERY_ID_REQUIRED', 'Send the id of a trusted operation, not a document.');
    if (documents.lists(request.query)) return undefined;
    if (mode === 'safelist')
      return new TrustedDocumentRefusedError('QUERY_NOT_IN_SAFELIST', 'The operation is not in the list of trusted operations.');
    // The document itself is not logged: its literals may carry personal data.
    logger.warn(
      { operationName: request.operationName ?? null, documentId: documentId(request.query), subject: caller.subject ?? null },
      'operation not in the trusted documents',
    );
    return undefined;
  };

  return {
    async requestDidStart({ request, contextValue }) {
      const refusal = decide(request, contextValue.caller);
      if (refusal === undefined) return undefined;
      // Apollo lets a plugin refuse an operation only once it is resolved. What runs until then is
      // a placeholder, so an untrusted document is neither looked up, parsed nor validated (its
      // errors would describe the schema), and nothing is executed.
      request.query = PLACEHOLDER;
      request.operationName = undefined;
      const { persistedQuery, ...otherExtensions } = request.extensions ?? {};
      if (persistedQuery !== undefined) request.extensions = otherExtensions;
      return {
        async didResolveOperation() {
          throw toGraphQLError(refusal);
        },
      };
    },
  };
}

const PLACEHOLDER = '{ __typename }';
