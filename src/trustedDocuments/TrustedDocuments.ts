import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse, stripIgnoredCharacters } from 'graphql';

/**
 * What callers without an exempt scope may send, as Apollo Router's persisted query settings:
 * - `off`: any operation (operations by id still work when a manifest is given);
 * - `log`: any operation, and a warning for each operation that is not in the manifest;
 * - `safelist`: listed operations only, by id or as a full document whose text is listed;
 * - `ids`: listed operations only, by id.
 */
export type TrustedDocumentsMode = 'off' | 'log' | 'safelist' | 'ids';

export const TRUSTED_DOCUMENTS_MODES: readonly TrustedDocumentsMode[] = ['off', 'log', 'safelist', 'ids'];

/** A persisted-operation manifest, loaded: each operation's body by id, and every body normalized. */
export class TrustedDocuments {
  readonly #byId: ReadonlyMap<string, string>;
  readonly #normalizedBodies: ReadonlySet<string>;

  constructor(byId: ReadonlyMap<string, string>) {
    this.#byId = byId;
    this.#normalizedBodies = new Set([...byId.values()].map(normalize));
  }

  get size(): number {
    return this.#byId.size;
  }

  /** The operation listed under `id`. */
  body(id: string): string | undefined {
    return this.#byId.get(id);
  }

  /** Whether a full document sent by a client is one of the listed operations (whitespace and comments aside). */
  lists(document: string): boolean {
    try {
      return this.#normalizedBodies.has(normalize(document));
    } catch {
      // A document that does not parse is listed nowhere; the pipeline reports its syntax error.
      return false;
    }
  }

  /**
   * Reads a manifest file: Apollo's persisted query manifest (`format: "apollo-persisted-query-manifest"`,
   * as `@apollo/generate-persisted-query-manifest` writes it), or GraphQL Code Generator's
   * `persisted-documents.json` (an object of id → document). Throws an error naming the file and
   * what is wrong; every listed document must parse.
   */
  static load(path: string): TrustedDocuments {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`trusted documents manifest ${path} cannot be read: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`trusted documents manifest ${path} is not JSON: ${(error as Error).message}`);
    }
    const byId = readManifest(json, path);
    const broken = [...byId].filter(([, body]) => !parses(body)).map(([id]) => id);
    if (broken.length > 0) throw new Error(`trusted documents manifest ${path}: the operations ${broken.join(', ')} are not valid GraphQL`);
    return new TrustedDocuments(byId);
  }
}

/** The sha256 id Apollo's and GraphQL Code Generator's tooling give a document by default. */
export function documentId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

function readManifest(json: unknown, path: string): Map<string, string> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`trusted documents manifest ${path} must be a JSON object`);
  const record = json as Record<string, unknown>;
  if ('format' in record) {
    if (record['format'] !== 'apollo-persisted-query-manifest' || record['version'] !== 1) {
      throw new Error(
        `trusted documents manifest ${path} has format ${JSON.stringify(record['format'])} version ${JSON.stringify(record['version'])}; expected apollo-persisted-query-manifest version 1`,
      );
    }
    const operations = record['operations'];
    if (!Array.isArray(operations)) throw new Error(`trusted documents manifest ${path} has no "operations" list`);
    const byId = new Map<string, string>();
    operations.forEach((operation: unknown, index) => {
      const { id, body } = (operation ?? {}) as { id?: unknown; body?: unknown };
      if (typeof id !== 'string' || id === '' || typeof body !== 'string')
        throw new Error(`trusted documents manifest ${path}: operation ${index} needs a string "id" and "body"`);
      byId.set(id, body);
    });
    return byId;
  }
  const byId = new Map<string, string>();
  for (const [id, body] of Object.entries(record)) {
    if (typeof body !== 'string')
      throw new Error(`trusted documents manifest ${path}: "${id}" must map to a document string (or use Apollo's manifest format)`);
    byId.set(id, body);
  }
  return byId;
}

function normalize(document: string): string {
  return stripIgnoredCharacters(document);
}

function parses(document: string): boolean {
  try {
    parse(document);
    return true;
  } catch {
    return false;
  }
}
