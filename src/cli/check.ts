import { parseArgs } from 'node:util';
import { checkFailed, type CheckReport } from '../check/CheckReport';
import { checkSchema } from '../check/checkSchema';
import { loadPreviousTypeDefs } from '../check/loadPreviousTypeDefs';
import { loadTypeDefs } from '../schema/loadTypeDefs';

const USAGE = `Usage:
  npm run check -- [schema folder] [--against <folder or git revision>] [--json]
      Compiles the schema folder (default: SCHEMA_DIR, else schema) as the gateway would, without
      starting anything, and lists every problem with its coordinate and the warnings of a review.
      With --against, also lists what changed for clients since that version (a folder, or the
      same folder at a git revision such as main or v1.4.0): breaking, dangerous and safe changes.
      Exits 1 on a problem or a breaking change, 0 otherwise; --json prints the report as JSON.`;

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: { against: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
}

function print(report: CheckReport, against: string | undefined): void {
  const lines = [
    ...report.errors.map((problem) => `error      ${problem.coordinate}: ${problem.message}`),
    ...report.warnings.map((problem) => `warning    ${problem.coordinate}: ${problem.message}`),
    ...report.changes.map((change) => `${change.level.padEnd(10)} ${change.coordinate ?? 'schema'}: ${change.message}`),
  ];
  const count = (level: string) => report.changes.filter((change) => change.level === level).length;
  const summary = `${report.errors.length} error(s), ${report.warnings.length} warning(s)${
    against === undefined
      ? ''
      : `; against ${against}: ${count('breaking')} breaking, ${count('dangerous')} dangerous, ${count('safe')} safe change(s)`
  }`;
  process.stdout.write(`${[...lines, summary].join('\n')}\n`);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const schemaDir = positionals[0] ?? process.env['SCHEMA_DIR'] ?? 'schema';
  let report: CheckReport;
  try {
    const previous = values.against === undefined ? undefined : loadPreviousTypeDefs(values.against, schemaDir);
    report = await checkSchema({ typeDefs: loadTypeDefs(schemaDir), env: process.env, baseDir: process.cwd(), previous });
  } catch (error) {
    // A folder that cannot be read or parsed: the report is this one error.
    report = {
      errors: [{ coordinate: schemaDir, message: error instanceof Error ? error.message : String(error) }],
      warnings: [],
      changes: [],
    };
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else print(report, values.against);
  process.exitCode = checkFailed(report) ? 1 : 0;
}

void main();
