import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/loadConfig';
import { documentId, TrustedDocuments } from '../../src/trustedDocuments/TrustedDocuments';

const dir = mkdtempSync(join(tmpdir(), 'tributary-manifest-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('TrustedDocuments', () => {
  it("reads Apollo's manifest format and matches documents whatever their whitespace and comments", () => {
    const body = 'query Q { a }';
    const documents = TrustedDocuments.load(
      file(
        'apollo.json',
        JSON.stringify({
          format: 'apollo-persisted-query-manifest',
          version: 1,
          operations: [{ id: 'x1', name: 'Q', type: 'query', body }],
        }),
      ),
    );
    expect(documents.size).toBe(1);
    expect(documents.body('x1')).toBe(body);
    expect(documents.lists('query Q {\n  a # the a\n}')).toBe(true);
    expect(documents.lists('query Q { b }')).toBe(false);
    expect(documents.lists('query Q {')).toBe(false);
  });

  it("reads GraphQL Code Generator's id → document map", () => {
    const body = '{ a }';
    expect(TrustedDocuments.load(file('codegen.json', JSON.stringify({ [documentId(body)]: body }))).body(documentId(body))).toBe(body);
  });

  it.each([
    ['a missing file', join(dir, 'nope.json'), /cannot be read/],
    ['a file that is not JSON', file('bad.json', '{'), /is not JSON/],
    [
      'another format',
      file('other.json', JSON.stringify({ format: 'relay', version: 1, operations: [] })),
      /expected apollo-persisted-query-manifest version 1/,
    ],
    [
      'an operation without a body',
      file('nobody.json', JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'a' }] })),
      /operation 0 needs a string "id" and "body"/,
    ],
    [
      'a document that does not parse',
      file('broken.json', JSON.stringify({ a: '{ ok }', b: '{ broken' })),
      /the operations b are not valid GraphQL/,
    ],
  ])('refuses %s with a message naming it', (_what, path, message) => {
    expect(() => TrustedDocuments.load(path)).toThrow(message);
  });

  it('needs a manifest for any mode but off, and a known mode', () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'safelist' })).toThrow(/needs TRUSTED_DOCUMENTS_MANIFEST/);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'strict', TRUSTED_DOCUMENTS_MANIFEST: 'm.json' })).toThrow(
      /must be one of off, log, safelist, ids/,
    );
    expect(
      loadConfig({ TRUSTED_DOCUMENTS: 'ids', TRUSTED_DOCUMENTS_MANIFEST: 'm.json', TRUSTED_DOCUMENTS_EXEMPT_SCOPES: 'staff, graph:any' })
        .trustedDocuments,
    ).toEqual({
      mode: 'ids',
      manifestPath: 'm.json',
      exemptScopes: ['staff', 'graph:any'],
    });
  });
});
