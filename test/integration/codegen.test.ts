import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const codegen = join(root, 'node_modules', '@graphql-codegen', 'cli', 'esm', 'bin.js');

/**
 * `graphql-codegen --check` exits non-zero when the generated file differs from what it would
 * write. Run as `npm run codegen` runs it: under tsx, which loads the directive definitions from
 * src/schema/codegenTypeDefs.ts.
 */
function checkCodegen(cwd: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', codegen, '--config', 'codegen.yml', '--check'], { cwd, encoding: 'utf8' });
}

describe('generated resolver types', () => {
  it('match the schema in schema/ (run `npm run codegen` after editing it)', () => {
    const result = checkCodegen(root);
    expect(result.stdout + result.stderr).not.toContain('would be');
    expect(result.status).toBe(0);
  });

  it('are reported stale when the schema changes', () => {
    const copy = mkdtempSync(join(tmpdir(), 'tributary-codegen-'));
    try {
      for (const entry of ['codegen.yml', 'schema', 'src']) cpSync(join(root, entry), join(copy, entry), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
      appendFileSync(join(copy, 'schema', 'shop.graphql'), '\nextend type Query { addedField: String }\n');
      expect(checkCodegen(copy).status).not.toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
