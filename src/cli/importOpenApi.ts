import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openApiToSdl } from '../importers/openapi/openApiToSdl';
import { OpenApiReadError, readOpenApi } from '../importers/openapi/readOpenApi';
import { toApiDocument } from '../importers/openapi/toApiDocument';

const USAGE = `Usage:
  npm run import:openapi -- <file or URL> --source <name> [--out <file.graphql>]
      Reads an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML) and prints SDL for it: an
      @source whose base URL comes from <NAME>_URL, one @rest field per operation (GET under
      Query, the others under Mutation) and the types they use, to review and put in the schema
      folder. What could not be mapped is listed on stderr and as # NOTE: lines. See docs/openapi.md.`;

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: { source: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions();
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [location, ...extra] = positionals;
  if (location === undefined || extra.length > 0) {
    return usageError(location === undefined ? 'Give one OpenAPI document.' : `Give one OpenAPI document, not ${positionals.length}.`);
  }
  if (values.source === undefined) return usageError('--source <name> is required: the @source name fields will refer to.');
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(values.source)) {
    return usageError(`--source "${values.source}" must be an identifier (letters, digits, _ and -).`);
  }

  let result: ReturnType<typeof openApiToSdl>;
  try {
    const parsedDocument = await readOpenApi(location);
    result = openApiToSdl(toApiDocument(parsedDocument), {
      sourceName: values.source,
      validationProblems: parsedDocument.validationProblems,
    });
  } catch (error) {
    if (error instanceof OpenApiReadError) return fail(error.message);
    throw error;
  }
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  process.stderr.write(
    `${result.fields.Query} Query and ${result.fields.Mutation} Mutation fields; set ${result.envVariables.map((variable) => variable.name).join(', ')} before starting.\n`,
  );
  if (values.out === undefined) {
    process.stdout.write(result.sdl);
  } else {
    writeFileSync(values.out, result.sdl);
    process.stderr.write(`Wrote ${values.out}\n`);
  }
}

function usageError(message: string): void {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exitCode = 2;
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

void main();
