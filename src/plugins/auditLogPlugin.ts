import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { RequestContext } from '../execution/RequestContext';
import { summarizeResponse, type ResponseOutcome } from './responseOutcome';

export type AuditOutcome = ResponseOutcome | 'unauthenticated';

/** One audit line's fields. The caller is named by subject only; tokens and keys never appear. */
export interface AuditRecord {
  readonly audit: true;
  readonly subject: string | null;
  readonly via: string;
  readonly operationName: string | null;
  readonly denied: readonly string[];
  readonly upstreamCalls: Readonly<Record<string, number>>;
  readonly outcome: AuditOutcome;
  readonly durationMs: number;
}

/** Writes one JSON audit line per GraphQL request when its response is sent. */
export function auditLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const { contextValue, operationName } = requestContext;
          const record: AuditRecord = {
            audit: true,
            subject: contextValue.caller.subject ?? null,
            via: contextValue.caller.via,
            operationName: operationName ?? null,
            denied: contextValue.audit.denied,
            upstreamCalls: contextValue.audit.upstreamCalls,
            outcome: summarizeResponse(requestContext).outcome,
            durationMs: Math.round((performance.now() - started) * 100) / 100,
          };
          logger.info(record, 'graphql request');
        },
      };
    },
  };
}
