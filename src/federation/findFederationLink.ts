import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/** The Apollo Federation 2 spec a schema links, e.g. `https://specs.apollo.dev/federation/v2.7`. */
export interface FederationLink {
  readonly url: string;
  /** `v2.7` */
  readonly version: string;
}

const FEDERATION_URL = /^https:\/\/specs\.apollo\.dev\/federation\/(v2\.\d+)\/?$/;

/**
 * Finds `extend schema @link(url: "https://specs.apollo.dev/federation/v2.x", …)` in the schema's
 * documents: such a schema is served as a subgraph (docs/federation.md). Pure.
 */
export function findFederationLink(typeDefs: readonly (string | DocumentNode)[]): FederationLink | undefined {
  for (const typeDef of typeDefs) {
    const document = typeof typeDef === 'string' ? parse(typeDef) : typeDef;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
      for (const directive of definition.directives ?? []) {
        const url = linkURL(directive);
        const version = url === undefined ? undefined : FEDERATION_URL.exec(url)?.[1];
        if (url !== undefined && version !== undefined) return { url, version };
      }
    }
  }
  return undefined;
}

function linkURL(directive: ConstDirectiveNode): string | undefined {
  if (directive.name.value !== 'link') return undefined;
  const url = directive.arguments?.find((argument) => argument.name.value === 'url')?.value;
  return url?.kind === Kind.STRING ? url.value : undefined;
}
