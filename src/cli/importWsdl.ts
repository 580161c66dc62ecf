import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readWsdl } from '../connectors/soap/wsdl/readWsdl';
import type { WsdlDefinition } from '../connectors/soap/wsdl/WsdlModel';
import { wsdlToSdl } from '../importers/wsdl/wsdlToSdl';
import { XmlRejectedError } from '../xml/parseXml';
import { ImportCommand } from './ImportCommand';

const USAGE = `Usage:
  npm run import:wsdl -- <wsdl file> --source <name> [--query <patterns>] [--cache-max-age <seconds>] [--out <file.graphql>]
      Prints SDL for the WSDL's SOAP operations: an @source, types from the XSD, and one @soap
      field per operation, to review and move into schema/. What could not be mapped is listed
      on stderr and as # NOTE: lines. Local wsdl:import, xsd:import and xsd:include are followed.
      The WSDL path is written into @source as given: pass it relative to where the gateway runs.
  --query Get*,List*,Country*
      The operations that only read, by name pattern (* for any characters): they become
      idempotent Query fields (deduplicated, retried, cacheable); all others are Mutations.
      Default: operations named Get…, List…, Find…, Search…, Query… or Check….
  --cache-max-age <seconds>
      Adds @cacheControl(maxAge:) to those Query fields, so their answers are cached.`;

const command = new ImportCommand(USAGE);

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      out: { type: 'string' },
      query: { type: 'string' },
      'cache-max-age': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
}

function main(): void {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions();
  } catch (error) {
    command.usageError(error instanceof Error ? error.message : String(error));
    return;
  }
  const { values, positionals } = parsed;
  if (command.helped(values.help)) return;
  const wsdlPath = command.input(positionals, 'WSDL file');
  const sourceName = wsdlPath === undefined ? undefined : command.sourceName(values.source);
  if (wsdlPath === undefined || sourceName === undefined) return;

  const queryOperations = values.query
    ?.split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
  if (queryOperations?.length === 0) return command.usageError('--query needs at least one operation name pattern, e.g. Get*,List*.');
  const maxAge = values['cache-max-age'];
  const cacheMaxAgeSeconds = maxAge === undefined ? undefined : Number(maxAge);
  if (cacheMaxAgeSeconds !== undefined && !(Number.isInteger(cacheMaxAgeSeconds) && cacheMaxAgeSeconds > 0))
    return command.usageError(`--cache-max-age "${maxAge ?? ''}" must be a whole number of seconds above 0.`);

  const file = resolve(wsdlPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return command.fail(`Cannot read WSDL ${wsdlPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let wsdl: WsdlDefinition;
  try {
    wsdl = readWsdl(text, file);
  } catch (error) {
    if (error instanceof XmlRejectedError) return command.fail(`Cannot read WSDL ${wsdlPath}: ${error.message}`);
    throw error;
  }
  const result = wsdlToSdl(wsdl, sourceName, wsdlPath, {
    ...(queryOperations && { queryOperations }),
    ...(cacheMaxAgeSeconds !== undefined && { cacheMaxAgeSeconds }),
  });
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  if (wsdl.operations.size === 0) return command.fail(`WSDL ${wsdlPath} has no SOAP operations that can be called.`);
  command.writeSdl(result.sdl, values.out);
}

main();
