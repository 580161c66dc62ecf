import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/**
 * Reads every `*.graphql` file of a folder, sorted by name. Each document keeps its file name,
 * so a syntax error says which file and line it is in.
 */
export function loadTypeDefs(dir: string): DocumentNode[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  if (files.length === 0) throw new Error(`No .graphql files in ${dir}`);
  return files.map((file) => {
    const path = join(dir, file);
    return parse(readFileSync(path, 'utf8'), { noLocation: false });
  });
}
