import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IResolvers } from '@graphql-tools/utils';
import type { Resolvers } from '../generated/resolvers';

/**
 * Hand-written resolvers of the demo schema in `schema/`, typed by GraphQL Code Generator from it
 * (`npm run codegen`). Fields bound with directives need none; this is for logic directives
 * cannot express. They belong to that schema alone: any other schema folder is served without them.
 */
export const demoResolvers: Resolvers = {
  Order: {
    itemCount: (order) => (order.items ?? []).reduce((sum, item) => sum + item.quantity, 0),
  },
};

/** The demo schema folder shipped with the gateway (`schema/` at the package root). */
export const DEMO_SCHEMA_DIR = resolve(__dirname, '..', '..', 'schema');

/** The hand-written resolvers of the schema in `schemaDir`: the demo's for the demo schema, none for any other. */
export function resolversForSchemaDir(schemaDir: string): IResolvers {
  return sameFolder(schemaDir, DEMO_SCHEMA_DIR) ? demoResolvers : {};
}

function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
