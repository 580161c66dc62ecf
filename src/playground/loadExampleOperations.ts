import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlaygroundTab } from './renderPlaygroundPage';

const VARIABLES_LINE = /^# variables: (.*)$/m;

/**
 * The playground's example operations: one tab per `*.graphql` file in the folder (sorted by
 * name), so they live next to the schema they exercise. A `# variables: {…}` line fills the
 * tab's variables.
 */
export function loadExampleOperations(dir: string): PlaygroundTab[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const variables = VARIABLES_LINE.exec(text)?.[1];
      const query = text.replace(VARIABLES_LINE, '').trimEnd() + '\n';
      return variables === undefined ? { query } : { query, variables };
    });
}
