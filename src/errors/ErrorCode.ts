/**
 * Every `extensions.code` the gateway itself answers with. Apollo Server adds its own for requests
 * it refuses before the gateway sees them (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`,
 * `BAD_REQUEST`, `PERSISTED_QUERY_NOT_FOUND`, …); docs/errors.md lists both.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'AUTH_UNAVAILABLE'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_REJECTED'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'PERSISTED_QUERY_NOT_IN_LIST'
  | 'QUERY_NOT_IN_SAFELIST'
  | 'PERSISTED_QUERY_ID_REQUIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'SLOW_CONSUMER'
  | 'INTERNAL_SERVER_ERROR';
