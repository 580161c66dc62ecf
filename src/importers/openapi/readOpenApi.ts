import SwaggerParser from '@apidevtools/swagger-parser';
import { isJsonObject, type JsonObject, type SpecVersion } from './OpenApiDocument';

/** What the maintained parser made of a document: bundled (every external `$ref` brought in), not yet mapped. */
export interface ParsedOpenApi {
  readonly version: SpecVersion;
  readonly root: JsonObject;
  /** Problems the parser's validation found (JSON Schema of the OpenAPI version, then its own checks); the import goes on. */
  readonly validationProblems: readonly string[];
  resolveRef(ref: string): unknown;
}

/** A document that cannot be read at all: not found, not JSON or YAML, not OpenAPI, a `$ref` that points nowhere. */
export class OpenApiReadError extends Error {
  override readonly name = 'OpenApiReadError';
}

const MAX_VALIDATION_PROBLEMS = 20;

/**
 * Reads an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML; a file path or an http(s) URL)
 * with `@apidevtools/swagger-parser`: `bundle` resolves external `$ref`s into one document and keeps
 * internal ones (so component names survive as type names and recursive schemas stay finite), and
 * `validate` reports what does not conform. A real document often breaks a rule or two that does
 * not stop it being mapped, so validation problems are returned as notes, not thrown.
 */
export async function readOpenApi(location: string): Promise<ParsedOpenApi> {
  const parser = new SwaggerParser();
  let bundled: unknown;
  try {
    bundled = await parser.bundle(location, {
      resolve: { http: { safeUrlResolver: !trustsInternalUrls(location) } },
    } as SwaggerParser.Options);
  } catch (error) {
    throw new OpenApiReadError(`Cannot read ${location}: ${messageOf(error)}`, { cause: error });
  }
  if (!isJsonObject(bundled)) throw new OpenApiReadError(`Cannot read ${location}: it is not an object`);
  const version = specVersion(bundled);
  if (version === undefined) {
    throw new OpenApiReadError(`Cannot read ${location}: it declares neither "openapi: 3.0.x/3.1.x" nor "swagger: 2.0"`);
  }
  const refs = parser.$refs;
  return {
    version,
    root: bundled,
    validationProblems: await validationProblems(bundled),
    resolveRef(ref) {
      if (!ref.startsWith('#')) return undefined;
      try {
        return refs.get(ref);
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The parser refuses loopback and private URLs by default, so that a document fetched from the
 * internet cannot make it read the intranet. A document the user points at on their own disk or
 * their own network (a service's `/openapi.json` on localhost) may refer to such URLs, and be one.
 */
function trustsInternalUrls(location: string): boolean {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return true;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return (
    !host.includes('.') ||
    /^(localhost|127\.\d+\.\d+\.\d+|::1|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)$/.test(host) ||
    /\.(local|internal|localhost)$/.test(host)
  );
}

function specVersion(root: JsonObject): SpecVersion | undefined {
  if (String(root['swagger']) === '2.0') return '2.0';
  const openapi = typeof root['openapi'] === 'string' ? root['openapi'] : '';
  if (/^3\.0(\.|$)/.test(openapi)) return '3.0';
  if (/^3\.1(\.|$)/.test(openapi)) return '3.1';
  return undefined;
}

async function validationProblems(root: JsonObject): Promise<string[]> {
  try {
    // validate dereferences what it is given: a copy keeps the bundled document's $refs.
    await SwaggerParser.validate(structuredClone(root) as unknown as Exclude<Parameters<typeof SwaggerParser.validate>[0], string>);
    return [];
  } catch (error) {
    const lines = messageOf(error)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    return lines.length > MAX_VALIDATION_PROBLEMS
      ? [...lines.slice(0, MAX_VALIDATION_PROBLEMS), `… and ${lines.length - MAX_VALIDATION_PROBLEMS} more lines`]
      : lines;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
