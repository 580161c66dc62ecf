import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PlaygroundAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The browser runs this after GraphiQL's bundle: it reads the page's JSON config and renders the UI. */
const BOOT_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: config.endpoint }),
      defaultQuery: config.defaultQuery,
      defaultHeaders: config.defaultHeaders,
      defaultTabs: config.defaultTabs,
      shouldPersistHeaders: true,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers'
    })
  );
})();
`;

// GraphiQL 4 is the last line that ships a prebuilt browser bundle; with React 18's UMD builds it
// needs no bundler and no CDN, so the playground works offline. The deep paths are not in the
// packages' `exports`, hence resolving from package.json.
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const SOURCES: Record<string, { contentType: string; path?: string; text?: string }> = {
  'react.production.min.js': { contentType: 'text/javascript; charset=utf-8', path: packageFile('react', 'umd/react.production.min.js') },
  'react-dom.production.min.js': {
    contentType: 'text/javascript; charset=utf-8',
    path: packageFile('react-dom', 'umd/react-dom.production.min.js'),
  },
  'graphiql.min.js': { contentType: 'text/javascript; charset=utf-8', path: packageFile('graphiql', 'graphiql.min.js') },
  'graphiql.min.css': { contentType: 'text/css; charset=utf-8', path: packageFile('graphiql', 'graphiql.min.css') },
  'boot.js': { contentType: 'text/javascript; charset=utf-8', text: BOOT_SCRIPT },
};

const loaded = new Map<string, PlaygroundAsset>();

/** A playground asset by file name, read from node_modules once; undefined for any other name. */
export function playgroundAsset(name: string): PlaygroundAsset | undefined {
  const source = Object.hasOwn(SOURCES, name) ? SOURCES[name] : undefined;
  if (!source) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    asset = { contentType: source.contentType, body: source.path ? readFileSync(source.path) : Buffer.from(source.text ?? '') };
    loaded.set(name, asset);
  }
  return asset;
}
