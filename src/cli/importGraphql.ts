import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { graphqlSchemaToSdl } from '../importers/graphql/graphqlSchemaToSdl';
import { introspectService, IntrospectionFailedError } from '../importers/graphql/introspectService';
import { ImportCommand } from './ImportCommand';

const USAGE = `Usage:
  npm run import:graphql -- <url | schema.graphql> --source <name> [--header "name: value"]… [--out <file.graphql>]
      Prints SDL that binds a GraphQL service: an @source, the service's types under their own
      names, and each root field of its Query and Mutation delegated with @graphql, to review and
      move into schema/. A URL is introspected (with the headers given); a file is read as SDL.
      What is left out is listed on stderr.`;

const command = new ImportCommand(USAGE);

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
    return command.usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (command.helped(values.help)) return;
  const input = command.input(positionals, 'URL or SDL file');
  const sourceName = input === undefined ? undefined : command.sourceName(values.source);
  if (input === undefined || sourceName === undefined) return;
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const colon = header.indexOf(':');
    if (colon <= 0) return command.usageError(`--header "${header}" must read "name: value".`);
    headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
  }

  let schema: GraphQLSchema;
  if (/^https?:\/\//i.test(input)) {
    try {
      schema = await introspectService(input, headers);
    } catch (error) {
      if (error instanceof IntrospectionFailedError) return command.fail(`Cannot introspect: ${error.message}`);
      throw error;
    }
  } else {
    let text: string;
    try {
      text = readFileSync(input, 'utf8');
    } catch (error) {
      return command.fail(`Cannot read ${input}: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      schema = buildSchema(text);
    } catch (error) {
      if (error instanceof GraphQLError) return command.fail(`Cannot read ${input} as SDL: ${error.message}`);
      throw error;
    }
  }
  const result = graphqlSchemaToSdl(schema, sourceName);
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  process.stderr.write(`note: set ${result.urlVariable} to the service's GraphQL endpoint\n`);
  command.writeSdl(result.sdl, values.out);
}

void main();
