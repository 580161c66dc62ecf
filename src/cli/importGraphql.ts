import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { graphqlSchemaToSdl } from '../connectors/graphql/graphqlSchemaToSdl';
import { introspectService, IntrospectionFailedError } from '../connectors/graphql/introspectService';

const USAGE = `Usage:
  npm run import:graphql -- <url | schema.graphql> --source <name> [--header "name: value"]… [--out <file.graphql>]
      Prints SDL that binds a GraphQL service: an @source, the service's types under their own
      names, and each root field of its Query and Mutation delegated with @graphql, to review and
      move into schema/. A URL is introspected (with the headers given); a file is read as SDL.
      What is left out is listed on stderr.`;

function usageError(message: string): void {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exitCode = 2;
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      out: { type: 'string' },
      header: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
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
  const [input, ...extra] = positionals;
  if (input === undefined || extra.length > 0) return usageError('Give one URL or one SDL file.');
  if (values.source === undefined) return usageError('--source <name> is required: the @source name fields will refer to.');
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(values.source))
    return usageError(`--source "${values.source}" must be an identifier (letters, digits, _ and -).`);
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const colon = header.indexOf(':');
    if (colon <= 0) return usageError(`--header "${header}" must read "name: value".`);
    headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
  }

  let schema: GraphQLSchema;
  if (/^https?:\/\//i.test(input)) {
    try {
      schema = await introspectService(input, headers);
    } catch (error) {
      if (error instanceof IntrospectionFailedError) return fail(`Cannot introspect: ${error.message}`);
      throw error;
    }
  } else {
    let text: string;
    try {
      text = readFileSync(input, 'utf8');
    } catch (error) {
      return fail(`Cannot read ${input}: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      schema = buildSchema(text);
    } catch (error) {
      if (error instanceof GraphQLError) return fail(`Cannot read ${input} as SDL: ${error.message}`);
      throw error;
    }
  }
  const result = graphqlSchemaToSdl(schema, values.source);
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  process.stderr.write(`note: set ${result.urlVariable} to the service's GraphQL endpoint\n`);
  if (values.out === undefined) process.stdout.write(result.sdl);
  else {
    writeFileSync(values.out, result.sdl);
    process.stderr.write(`Wrote ${values.out}\n`);
  }
}

void main();
