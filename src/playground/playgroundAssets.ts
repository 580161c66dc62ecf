import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PlaygroundAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * The browser runs this after GraphiQL's bundle: it reads the page's JSON config and renders the
 * UI. Subscriptions go over WebSocket (graphql-ws's browser build), one connection per
 * subscription, whose connection_init carries the Authorization or x-api-key of the headers
 * editor; everything else over HTTP.
 */
const BOOT_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var http = GraphiQL.createFetcher({ url: config.endpoint });
  var wsUrl = location.origin.replace(/^http/, 'ws') + config.endpoint;
  function isSubscription(params) {
    var query = String(params.query || '').replace(/#[^\\n]*/g, '');
    var name = params.operationName;
    return name ? new RegExp('\\bsubscription\\s+' + name + '\\b').test(query) : /^\\s*subscription\\b/.test(query);
  }
  function header(headers, name) {
    for (var key in headers) if (key.toLowerCase() === name) return headers[key];
    return undefined;
  }
  function fetcher(params, options) {
    if (!isSubscription(params)) return http(params, options);
    var headers = (options && options.headers) || {};
    var client = graphqlWs.createClient({
      url: wsUrl,
      retryAttempts: 0,
      connectionParams: { authorization: header(headers, 'authorization'), 'x-api-key': header(headers, 'x-api-key') }
    });
    return {
      subscribe: function (observer) {
        var stop = client.subscribe(
          { query: params.query, variables: params.variables, operationName: params.operationName },
          {
            next: function (value) { observer.next(value); },
            error: function (error) {
              observer.error(error && error.code ? new Error('Connection closed (' + error.code + '): ' + error.reason) : error);
              client.dispose();
            },
            complete: function () { observer.complete(); client.dispose(); }
          }
        );
        return { unsubscribe: function () { stop(); client.dispose(); } };
      }
    };
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
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
  'graphql-ws.min.js': { contentType: 'text/javascript; charset=utf-8', path: packageFile('graphql-ws', 'umd/graphql-ws.min.js') },
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
