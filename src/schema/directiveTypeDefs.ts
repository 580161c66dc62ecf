/**
 * The directives a schema uses to declare upstreams and bind fields to them. They are added to
 * every schema Tributary loads, and removed from the schema it serves. Documented in
 * docs/directives.md.
 */
export const directiveTypeDefs = /* GraphQL */ `
  "Declares an upstream. Templates may read {env.NAME}."
  directive @source(
    "Unique name that fields refer to."
    name: String!
    "An HTTP/JSON upstream."
    rest: RestSource
    "Deadline for one upstream call, in milliseconds (default 10000)."
    timeoutMs: Int
    "Largest response body accepted, in bytes (default 16 MiB)."
    maxResponseBytes: Int
    "Most keys sent in one batched call (default 100)."
    maxBatchSize: Int
  ) repeatable on SCHEMA

  input RestSource {
    "Base URL; a path it carries is kept in front of every field's path."
    baseURL: String!
    "Headers sent with every call, e.g. an API key from {env.SHOP_API_KEY}."
    headers: [TemplateHeader!]
  }

  input TemplateHeader {
    name: String!
    value: String!
  }

  enum RestMethod {
    GET
    POST
    PUT
    PATCH
    DELETE
  }

  "An object whose values are templates."
  scalar TemplateObject

  "Resolves the field with one HTTP call to a REST source."
  directive @rest(
    source: String!
    method: RestMethod = GET
    "Path template; each {…} value is encoded as one path segment."
    path: String!
    "Query parameters; a list value repeats the parameter."
    query: TemplateObject
    "JSON body template; a value that is exactly one {…} keeps its type."
    body: TemplateObject
    headers: [TemplateHeader!]
    "Query parameter that batches: N parents make one call with the parameter repeated, results matched back by this field."
    batchKey: String
    "Field of each returned item that holds the batch key, when it is named differently from batchKey."
    batchKeyField: String
    "Dot path to the data inside the response body, e.g. data.items."
    resultPath: String
    "Dot path into each result item to return, e.g. available."
    select: String
    "Whether the call may be sent twice and shared between callers (default: true for GET)."
    idempotent: Boolean
  ) on FIELD_DEFINITION

  "Reads the field from another property of the parent, optionally converting a legacy date format to ISO-8601."
  directive @map(
    "Dot path of the property in the upstream object, e.g. mobile_number."
    from: String!
    "Day.js format of a date string to convert to ISO-8601, e.g. DD/MM/YYYY."
    dateFormat: String
  ) on FIELD_DEFINITION

  "Builds a Money value from an amount in minor units (cents) and a currency."
  directive @money(
    "Property holding the integer amount in minor units."
    minorUnitsFrom: String!
    "Property holding the ISO-4217 currency code."
    currencyFrom: String
    "Fixed ISO-4217 currency code, when the upstream does not send one."
    currency: String
  ) on FIELD_DEFINITION

  "Only authenticated callers may read this field (or, on a type, any of its fields). Apollo's semantics."
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE

  "The caller needs the scopes of at least one inner list (outer list OR, inner list AND). Apollo's semantics."
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE

  "Also lets an authenticated caller read the field when its subject (token sub) equals this template's value, e.g. {args.id} or {parent.customer_id}."
  directive @allowSubject(equals: String!) on FIELD_DEFINITION | OBJECT
`;

export const GATEWAY_DIRECTIVES: ReadonlySet<string> = new Set([
  'source',
  'rest',
  'map',
  'money',
  'authenticated',
  'requiresScopes',
  'allowSubject',
]);
export const GATEWAY_TYPES: ReadonlySet<string> = new Set(['RestSource', 'TemplateHeader', 'RestMethod', 'TemplateObject']);
