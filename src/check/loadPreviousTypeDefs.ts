import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { parse, Source, type DocumentNode } from 'graphql';
import { loadTypeDefs } from '../schema/loadTypeDefs';

/**
 * The previous version of a schema folder: another folder, or the same folder at a git revision
 * (`main`, `v1.4.0`, `HEAD~1`), read with `git show` without touching the working tree.
 */
export function loadPreviousTypeDefs(against: string, schemaDir: string): DocumentNode[] {
  if (existsSync(against) && statSync(against).isDirectory()) return loadTypeDefs(against);
  const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let listing: string;
  try {
    // Without -r: the folder's own entries, as loadTypeDefs reads them; paths relative to here.
    listing = git(['ls-tree', '--name-only', against, '--', `${schemaDir.replace(/\/+$/, '')}/`]);
  } catch (error) {
    const reason = (error as { stderr?: unknown }).stderr;
    throw new Error(
      `--against ${against}: neither a folder nor a git revision with ${schemaDir} (${typeof reason === 'string' ? reason.trim() : 'git failed'})`,
    );
  }
  const files = listing
    .split('\n')
    .filter((path) => path.endsWith('.graphql'))
    .sort();
  if (files.length === 0) throw new Error(`--against ${against}: no .graphql files in ${schemaDir} at that revision`);
  return files.map((path) => parse(new Source(git(['show', `${against}:./${path}`]), `${against}:${path}`)));
}
