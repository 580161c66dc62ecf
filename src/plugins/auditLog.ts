import type { Logger } from 'pino';
import type { RequestObserver } from './RequestObserver';
import type { ResponseOutcome } from './responseOutcome';

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
export function writeAuditLine(logger: Logger): RequestObserver {
  return {
    responseReady({ requestContext, summary, durationMs }) {
      // Built only when the line is written: the level may be above info.
      if (!logger.isLevelEnabled('info')) return;
      const { contextValue, operationName } = requestContext;
      const record: AuditRecord = {
        audit: true,
        subject: contextValue.caller.subject ?? null,
        via: contextValue.caller.via,
        operationName: operationName ?? null,
        denied: contextValue.audit.denied,
        upstreamCalls: contextValue.audit.upstreamCalls,
        outcome: summary.outcome,
        durationMs: Math.round(durationMs * 100) / 100,
      };
      logger.info(record, 'graphql request');
    },
  };
}
