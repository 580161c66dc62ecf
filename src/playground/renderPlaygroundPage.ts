export interface PlaygroundTab {
  readonly query: string;
  readonly variables?: string;
}

export interface PlaygroundOptions {
  readonly endpoint: string;
  /** Where the assets are served, e.g. `/playground`. */
  readonly assetsPath: string;
  readonly tabs: readonly PlaygroundTab[];
}

/** Content-Security-Policy of the page: everything from our own origin, nothing from elsewhere. */
export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'none'; frame-ancestors 'none'";

/**
 * The playground page. Its configuration travels as JSON in a non-executable script tag, so the
 * page needs no inline script and runs under a strict CSP.
 */
export function renderPlaygroundPage(options: PlaygroundOptions): string {
  const [first] = options.tabs;
  const config = {
    endpoint: options.endpoint,
    defaultQuery: first?.query ?? '',
    defaultHeaders: '{}',
    defaultTabs: options.tabs,
  };
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const assets = options.assetsPath;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tributary playground</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${assets}/graphiql.min.css">
</head>
<body style="margin:0">
  <div id="graphiql" style="height:100dvh">Loading the playground…</div>
  <script id="playground-config" type="application/json">${json}</script>
  <script src="${assets}/react.production.min.js"></script>
  <script src="${assets}/react-dom.production.min.js"></script>
  <script src="${assets}/graphiql.min.js"></script>
  <script src="${assets}/graphql-ws.min.js"></script>
  <script src="${assets}/boot.js"></script>
</body>
</html>
`;
}
