import {
  arrayOf,
  followRefs,
  isJsonObject,
  objectOf,
  stringOf,
  type ApiDocument,
  type ApiOperation,
  type ApiParameter,
  type ApiRequestBody,
  type ApiResponse,
  type HttpMethod,
  type JsonObject,
  type ParameterLocation,
  type Omission,
  type SkippedOperation,
} from './OpenApiDocument';
import type { ParsedOpenApi } from './readOpenApi';

const METHODS: Readonly<Record<string, HttpMethod | undefined>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
};
const UNSENDABLE_METHODS = ['head', 'options', 'trace'];
const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie', 'formData'];

/**
 * Reduces a Swagger 2.0 or OpenAPI 3.x document to the operations the importer maps. Swagger 2.0
 * is mapped directly rather than converted: its differences that matter here (body and formData
 * parameters, `definitions`, `produces`/`consumes`, host and basePath) are few, and the converter
 * (swagger2openapi) would bring a second resolver and validator for them.
 */
export function toApiDocument(parsed: ParsedOpenApi): ApiDocument {
  const { root, version } = parsed;
  const deref = (value: unknown): JsonObject | undefined => followRefs(value, (ref) => parsed.resolveRef(ref));
  const swagger2 = version === '2.0';
  const operations: ApiOperation[] = [];
  const skippedOperations: SkippedOperation[] = [];
  const omissions: Omission[] = [];
  const servers = swagger2 ? swagger2Servers(root) : arrayOf(root, 'servers').flatMap((server) => serverUrl(server));
  const globalConsumes = arrayOf(root, 'consumes').map(String);
  const globalProduces = arrayOf(root, 'produces').map(String);

  for (const [path, pathItemValue] of Object.entries(objectOf(root, 'paths') ?? {})) {
    const pathItem = deref(pathItemValue);
    if (!pathItem) {
      omissions.push({ where: path, message: 'the path item is not an object (or its $ref points nowhere); left out' });
      continue;
    }
    const shared = arrayOf(pathItem, 'parameters');
    for (const [key, operationValue] of Object.entries(pathItem)) {
      const operation = isJsonObject(operationValue) ? operationValue : undefined;
      if (!operation) continue;
      const method = METHODS[key];
      if (method === undefined) {
        if (UNSENDABLE_METHODS.includes(key)) skippedOperations.push({ method: key.toUpperCase(), path });
        continue;
      }
      const where = `${method} ${path}`;
      const ownServers = [...arrayOf(pathItem, 'servers'), ...arrayOf(operation, 'servers')].flatMap((server) => serverUrl(server));
      if (ownServers.some((url) => !servers.includes(url))) {
        omissions.push({ where, message: "declares servers of its own; the field calls the source's base URL" });
      }
      if (isJsonObject(operation['callbacks']) && Object.keys(operation['callbacks']).length > 0) {
        omissions.push({ where, message: 'its callbacks are calls the API makes, not calls to it; not mapped' });
      }
      const rawParameters = mergeParameters(shared, arrayOf(operation, 'parameters'), deref, (message) =>
        omissions.push({ where, message }),
      );
      const consumes = operation['consumes'] === undefined ? globalConsumes : arrayOf(operation, 'consumes').map(String);
      const produces = operation['produces'] === undefined ? globalProduces : arrayOf(operation, 'produces').map(String);
      const parameters: ApiParameter[] = [];
      let body: ApiRequestBody | undefined;
      for (const parameter of rawParameters) {
        const location = stringOf(parameter, 'in');
        if (swagger2 && location === 'body') {
          const schema = objectOf(parameter, 'schema');
          const mediaTypes = consumes.length > 0 ? consumes : ['application/json'];
          body = { required: parameter['required'] === true, schema: mediaTypes.some(isJsonMediaType) ? schema : undefined, mediaTypes };
          continue;
        }
        const name = stringOf(parameter, 'name');
        if (name === undefined || !LOCATIONS.includes(location as ParameterLocation)) {
          omissions.push({ where, message: `a parameter without a name or with "in: ${location ?? ''}" is left out` });
          continue;
        }
        parameters.push({
          name,
          location: location as ParameterLocation,
          required: location === 'path' || parameter['required'] === true,
          schema: swagger2 ? parameter : (objectOf(parameter, 'schema') ?? firstContentSchema(parameter) ?? {}),
          description: stringOf(parameter, 'description'),
          repeated: swagger2
            ? parameter['collectionFormat'] === 'multi'
            : parameter['explode'] !== false && (parameter['style'] === undefined || parameter['style'] === 'form'),
        });
      }
      if (!swagger2) {
        body = requestBody(deref(operation['requestBody']));
        if (operation['requestBody'] !== undefined && body === undefined) {
          omissions.push({ where, message: 'its requestBody $ref points nowhere; the body is left out' });
        }
      }
      operations.push({
        method,
        path,
        operationId: stringOf(operation, 'operationId'),
        summary: stringOf(operation, 'summary') ?? stringOf(operation, 'description'),
        deprecated: operation['deprecated'] === true,
        parameters,
        body,
        response: successResponse(objectOf(operation, 'responses') ?? {}, deref, swagger2 ? produces : undefined),
      });
    }
  }

  const webhooks = Object.keys(objectOf(root, 'webhooks') ?? {});
  if (webhooks.length > 0) {
    omissions.push({ where: 'webhooks', message: `${webhooks.join(', ')}: calls the API makes, not calls to it; not mapped` });
  }

  const components = swagger2 ? root : (objectOf(root, 'components') ?? {});
  const schemes = objectOf(components, swagger2 ? 'securityDefinitions' : 'securitySchemes') ?? {};
  const securitySchemes = new Map<string, JsonObject>();
  for (const [name, scheme] of Object.entries(schemes)) {
    const resolved = deref(scheme);
    if (resolved) securitySchemes.set(name, resolved);
  }
  const firstRequirement = arrayOf(root, 'security').find(isJsonObject);

  return {
    version,
    title: stringOf(objectOf(root, 'info') ?? {}, 'title'),
    servers,
    operations,
    skippedOperations,
    omissions,
    securitySchemes,
    defaultSecurity: firstRequirement ? Object.keys(firstRequirement) : [],
    resolveRef: (ref) => parsed.resolveRef(ref),
  };
}

/** Operation parameters override path-level ones with the same name and location. */
function mergeParameters(
  shared: readonly unknown[],
  own: readonly unknown[],
  deref: (value: unknown) => JsonObject | undefined,
  omit: (message: string) => void,
): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const value of [...shared, ...own]) {
    const parameter = deref(value);
    if (parameter) byKey.set(`${stringOf(parameter, 'in')}:${stringOf(parameter, 'name')}`, parameter);
    else omit(`a parameter that is not an object (or whose $ref points nowhere) is left out`);
  }
  return [...byKey.values()];
}

export function isJsonMediaType(mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json') || type === '*/*' || type === 'application/*';
}

/** The schema of a JSON media type in a `content` map, preferring application/json. */
function jsonContent(content: JsonObject | undefined): { schema: JsonObject | undefined; mediaTypes: string[] } {
  const mediaTypes = Object.keys(content ?? {});
  const chosen = mediaTypes.find((type) => type.split(';')[0]?.trim() === 'application/json') ?? mediaTypes.find(isJsonMediaType);
  const media = chosen === undefined || !content ? undefined : objectOf(content, chosen);
  return { schema: media ? (objectOf(media, 'schema') ?? {}) : undefined, mediaTypes };
}

function firstContentSchema(parameter: JsonObject): JsonObject | undefined {
  return jsonContent(objectOf(parameter, 'content')).schema;
}

function requestBody(body: JsonObject | undefined): ApiRequestBody | undefined {
  if (!body) return undefined;
  const { schema, mediaTypes } = jsonContent(objectOf(body, 'content'));
  return { required: body['required'] === true, schema, mediaTypes };
}

/** The lowest 2xx answer (or `2XX`); `produces` is given for Swagger 2.0, whose response carries the schema directly. */
function successResponse(
  responses: JsonObject,
  deref: (value: unknown) => JsonObject | undefined,
  produces: readonly string[] | undefined,
): ApiResponse | undefined {
  const status = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort()[0];
  if (status === undefined) return undefined;
  const response = deref(responses[status]) ?? {};
  if (produces !== undefined) {
    const schema = objectOf(response, 'schema');
    const mediaTypes = schema && produces.length === 0 ? ['application/json'] : [...produces];
    return { status, schema: schema && mediaTypes.some(isJsonMediaType) ? schema : undefined, mediaTypes: schema ? mediaTypes : [] };
  }
  return { status, ...jsonContent(objectOf(response, 'content')) };
}

function swagger2Servers(root: JsonObject): string[] {
  const basePath = stringOf(root, 'basePath') ?? '';
  const host = stringOf(root, 'host');
  if (host === undefined) return basePath ? [basePath] : [];
  const schemes = arrayOf(root, 'schemes').map(String);
  const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https');
  return [`${scheme}://${host}${basePath}`];
}

/** A server URL with its `{variables}` filled with their defaults. */
function serverUrl(server: unknown): string[] {
  if (!isJsonObject(server)) return [];
  const url = stringOf(server, 'url');
  if (url === undefined) return [];
  const variables = objectOf(server, 'variables') ?? {};
  return [
    url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const variable = objectOf(variables, name);
      const fallback = variable ? variable['default'] : undefined;
      return typeof fallback === 'string' || typeof fallback === 'number' ? String(fallback) : whole;
    }),
  ];
}
