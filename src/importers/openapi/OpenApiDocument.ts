/** A JSON object as read from an OpenAPI document: unknown values, checked where they are used. */
export type JsonObject = { readonly [key: string]: unknown };

export type SpecVersion = '2.0' | '3.0' | '3.1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'formData';

export interface ApiParameter {
  readonly name: string;
  readonly location: ParameterLocation;
  readonly required: boolean;
  /** A schema object; for Swagger 2.0 non-body parameters, the parameter itself (it carries `type`, `items`, `enum`). */
  readonly schema: JsonObject;
  readonly description: string | undefined;
  /** Whether a list value is sent as the parameter repeated (`?id=1&id=2`), the only form `@rest` sends. */
  readonly repeated: boolean;
}

export interface ApiRequestBody {
  readonly required: boolean;
  /** The JSON media type's schema, or undefined when the body is not JSON. */
  readonly schema: JsonObject | undefined;
  readonly mediaTypes: readonly string[];
}

export interface ApiResponse {
  readonly status: string;
  /** The JSON media type's schema, or undefined when the answer has no JSON body. */
  readonly schema: JsonObject | undefined;
  readonly mediaTypes: readonly string[];
}

/** One operation of the document, the same for Swagger 2.0 and OpenAPI 3.x. */
export interface ApiOperation {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string | undefined;
  readonly summary: string | undefined;
  readonly deprecated: boolean;
  readonly parameters: readonly ApiParameter[];
  readonly body: ApiRequestBody | undefined;
  /** The first 2xx answer, or undefined when the document declares none. */
  readonly response: ApiResponse | undefined;
}

/** A method the gateway's `@rest` cannot send (HEAD, OPTIONS, TRACE), kept so it can be reported. */
export interface SkippedOperation {
  readonly method: string;
  readonly path: string;
}

/** Something of the document that could not be read into the model, to be reported as a note. */
export interface Omission {
  readonly where: string;
  readonly message: string;
}

/** An OpenAPI document reduced to what the importer maps, with its internal `$ref`s still in place. */
export interface ApiDocument {
  readonly version: SpecVersion;
  readonly title: string | undefined;
  /** Server URLs as declared (Swagger 2.0: from schemes, host and basePath). */
  readonly servers: readonly string[];
  readonly operations: readonly ApiOperation[];
  readonly skippedOperations: readonly SkippedOperation[];
  readonly omissions: readonly Omission[];
  readonly securitySchemes: ReadonlyMap<string, JsonObject>;
  /** Scheme names of the document's first security requirement (any of them satisfies it). */
  readonly defaultSecurity: readonly string[];
  /** Resolves an internal `$ref` ("#/components/schemas/Pet"); undefined when it points nowhere. */
  resolveRef(ref: string): unknown;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

export function objectOf(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return isJsonObject(value) ? value : undefined;
}

export function arrayOf(object: JsonObject, key: string): readonly unknown[] {
  const value = object[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** Follows `$ref`s (a few hops at most, so a ring of references ends) to the object they point at. */
export function followRefs(value: unknown, resolveRef: (ref: string) => unknown): JsonObject | undefined {
  let current = value;
  for (let hops = 0; hops < 10 && isJsonObject(current) && typeof current['$ref'] === 'string'; hops++)
    current = resolveRef(current['$ref']);
  return isJsonObject(current) ? current : undefined;
}
