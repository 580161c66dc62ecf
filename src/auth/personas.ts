/** The demo's callers, each with the scopes its role needs. `npm start` prints a token for each. */
export interface Persona {
  readonly name: string;
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly sees: string;
}

export const PERSONAS: readonly Persona[] = [
  { name: 'customer', subject: '1', scopes: [], sees: 'their own profile and orders ({ me { … } })' },
  {
    name: 'support agent',
    subject: 'agent-7',
    scopes: ['customers:read', 'orders:read', 'orders:write', 'payments:read', 'payments:write', 'assistant:use'],
    sees: 'customers, orders (and moves them on), payments and the assistant',
  },
  { name: 'partner', subject: 'partner-acme', scopes: ['orders:status'], sees: 'the catalog and order status' },
];
