import { parseArgs } from 'node:util';
import { openApiToSdl } from '../importers/openapi/openApiToSdl';
import { OpenApiReadError, readOpenApi } from '../importers/openapi/readOpenApi';
import { toApiDocument } from '../importers/openapi/toApiDocument';
import { ImportCommand } from './ImportCommand';

const USAGE = `Usage:
  npm run import:openapi -- <file or URL> --source <name> [--out <file.graphql>]
      Reads an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML) and prints SDL for it: an
      @source whose base URL comes from <NAME>_URL, one @rest field per operation (GET under
      Query, the others under Mutation) and the types they use, to review and put in the schema
      folder. What could not be mapped is listed on stderr and as # NOTE: lines. See docs/openapi.md.`;

const command = new ImportCommand(USAGE);

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
    return command.usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (command.helped(values.help)) return;
  const location = command.input(positionals, 'OpenAPI document');
  const sourceName = location === undefined ? undefined : command.sourceName(values.source);
  if (location === undefined || sourceName === undefined) return;

  let result: ReturnType<typeof openApiToSdl>;
  try {
    const parsedDocument = await readOpenApi(location);
    result = openApiToSdl(toApiDocument(parsedDocument), {
      sourceName,
      validationProblems: parsedDocument.validationProblems,
    });
  } catch (error) {
    if (error instanceof OpenApiReadError) return command.fail(error.message);
    throw error;
  }
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  process.stderr.write(
    `${result.fields.Query} Query and ${result.fields.Mutation} Mutation fields; set ${result.envVariables.map((variable) => variable.name).join(', ')} before starting.\n`,
  );
  command.writeSdl(result.sdl, values.out);
}

void main();
