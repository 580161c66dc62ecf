/**
 * The directives that feed subscription fields. Documented in docs/subscriptions.md and
 * docs/directives.md; removed from the served schema like every gateway directive.
 */
export const subscriptionTypeDefs = /* GraphQL */ `
  "Lets an upstream push events to POST /webhooks/<name>, signed the Standard Webhooks way (HMAC-SHA256) with this secret."
  directive @webhookSource(
    "Unique name; the path segment of its webhook URL."
    name: String!
    "The signing secret, whsec_ followed by base64 (24 to 64 bytes), e.g. {env.SHOP_WEBHOOK_SECRET}."
    secret: String!
  ) repeatable on SCHEMA

  "Feeds a Subscription field from a webhook source's events of one type."
  directive @webhook(
    "The @webhookSource that sends the events."
    source: String!
    "The event's type, e.g. order.status_changed."
    event: String!
    "Dot paths into the event's data, each with the value it must have (a template over args and claims); a value that renders to nothing does not filter."
    filter: TemplateObject
    "Dot path into the event's data to deliver, when not the whole data."
    select: String
  ) on FIELD_DEFINITION

  "Feeds a Subscription field by calling its @rest or @soap upstream every intervalMs: one poller per distinct argument set, an event only when the answer changes."
  directive @poll(intervalMs: Int!) on FIELD_DEFINITION
`;

export const SUBSCRIPTION_GATEWAY_NAMES: readonly string[] = ['webhookSource', 'webhook', 'poll'];
