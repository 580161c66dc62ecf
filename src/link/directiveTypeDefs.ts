import { CONNECTORS } from '../connectors/connectors';
import { SUBSCRIPTION_GATEWAY_NAMES, subscriptionTypeDefs } from '../subscriptions/subscriptionTypeDefs';

const capitalize = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * The directives a schema uses to declare upstreams, bind fields to them and protect fields.
 * They are added to every schema Tributary loads, and removed from the schema it serves.
 * Documented in docs/directives.md and docs/authorization.md.
 */
export const coreTypeDefs = /* GraphQL */ `
  "Declares an upstream: exactly one of the kinds (rest, soap, graphql, inference). Templates may read {env.NAME}."
  directive @source(
    "Unique name that fields refer to."
    name: String!
    ${CONNECTORS.map((connector) => `${connector.kind}: ${capitalize(connector.kind)}Source`).join('\n    ')}
    "Deadline for one upstream call, in milliseconds (default 10000; 60000 for inference)."
    timeoutMs: Int
    "Largest response body accepted, in bytes (default 16 MiB)."
    maxResponseBytes: Int
    "Most keys sent in one batched call (default 100)."
    maxBatchSize: Int
    "Retries of idempotent calls (default 3 attempts, 100 ms base backoff with full jitter, at most 2000 ms)."
    retry: RetryPolicy
    "Circuit breaker (default: opens after 5 consecutive failures, probes again after 10000 ms)."
    circuitBreaker: CircuitBreakerPolicy
    "Most calls in flight to this upstream; more wait in a short queue."
    maxConcurrent: Int
    "Most calls started per second (the upstream's published rate limit); more wait briefly."
    maxRequestsPerSecond: Int
    "How calls are authorized beyond the source's own headers: the gateway's OAuth 2.0 token, or what is passed on from the caller."
    auth: SourceAuth
    "Seconds an idempotent call's result is reused when its field and type give no @cacheControl maxAge (default 0: not cached; 86400 for inference, whose deterministic calls and embeddings are cached)."
    cacheMaxAge: Int
  ) repeatable on SCHEMA

  input SourceAuth {
    "The gateway's own token, by the OAuth 2.0 client credentials grant; cached until shortly before it expires."
    oauth2: OAuth2ClientCredentials
    "Headers of the client's request passed on to the source, by name, e.g. accept-language or x-request-id."
    forwardHeaders: [String!]
    "Pass the caller's own bearer token on as Authorization; the source's answers are then cached per caller."
    forwardCallerToken: Boolean
  }

  input OAuth2ClientCredentials {
    "Token endpoint, e.g. {env.CRM_TOKEN_URL}."
    tokenURL: String!
    clientId: String!
    "Read from the environment, e.g. {env.CRM_CLIENT_SECRET}."
    clientSecret: String!
    scopes: [String!]
    "Sent as the audience parameter when the authorization server asks for one."
    audience: String
  }

  "Apollo's cache hint: how long a field's value (or a type's) may be reused, and whether by everyone (PUBLIC) or only the same caller (PRIVATE). Sets the response's Cache-Control and the upstream cache's TTL."
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

  enum CacheControlScope {
    PUBLIC
    PRIVATE
  }

  input RetryPolicy {
    "Attempts in all, first included; 1 turns retries off."
    attempts: Int
    baseDelayMs: Int
    maxDelayMs: Int
  }

  input CircuitBreakerPolicy {
    "Consecutive failures (timeouts, network errors, 429/502/503/504) that open the circuit."
    failureThreshold: Int
    "How long the open circuit fails fast before one probe call is let through."
    halfOpenAfterMs: Int
  }

  input TemplateHeader {
    name: String!
    value: String!
  }

  "An object whose values are templates."
  scalar TemplateObject

  "Reads the field from another property of the parent, optionally converting a legacy date format to ISO-8601."
  directive @map(
    "Dot path of the property in the upstream object, e.g. mobile_number."
    from: String!
    "Day.js format of a date string to convert to ISO-8601, e.g. DD/MM/YYYY."
    dateFormat: String
  ) on FIELD_DEFINITION

  "Builds a Money value from an amount (in minor units, or a decimal) and a currency."
  directive @money(
    "Property holding the integer amount in minor units (cents)."
    minorUnitsFrom: String
    "Property holding the amount as a decimal, e.g. 214.00."
    amountFrom: String
    "Property holding the ISO-4217 currency code."
    currencyFrom: String
    "Fixed ISO-4217 currency code, when the upstream does not send one."
    currency: String
  ) on FIELD_DEFINITION

  "Only authenticated callers may read this field (on a type: every field that returns it, and its own fields). Apollo's semantics."
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM | UNION

  "The caller needs the scopes of at least one inner list (outer list OR, inner list AND). Apollo's semantics."
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM | UNION

  "Also lets an authenticated caller read the field when its subject (token sub) equals this template's value, e.g. {args.id} or {parent.customer_id}."
  directive @allowSubject(equals: String!) on FIELD_DEFINITION | OBJECT
`;

/** Core directives plus every connector's. */
export const directiveTypeDefs = [coreTypeDefs, subscriptionTypeDefs, ...CONNECTORS.map((connector) => connector.typeDefs)].join('\n');

/** Directive and type names that configure the gateway and are not served. */
export const GATEWAY_NAMES: ReadonlySet<string> = new Set([
  'source',
  'map',
  'money',
  'authenticated',
  'requiresScopes',
  'allowSubject',
  'TemplateHeader',
  'RetryPolicy',
  'CircuitBreakerPolicy',
  'TemplateObject',
  'SourceAuth',
  'OAuth2ClientCredentials',
  ...SUBSCRIPTION_GATEWAY_NAMES,
  ...CONNECTORS.flatMap((connector) => connector.gatewayNames),
]);
