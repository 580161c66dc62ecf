/**
 * The layers of src/, lowest first. A module may import from its own layer or a lower one, never
 * from a higher one; modules never import each other in a cycle. docs/architecture.md draws them.
 */
const LAYERS = [
  { name: 'foundation', path: '^src/(errors|xml|templates)/' },
  { name: 'compile model', path: '^src/schema/' },
  { name: 'runtime services', path: '^src/(http|cache|observability|auth)/' },
  { name: 'loading core', path: '^src/execution/[^/]+$' },
  { name: 'field compilers', path: '^src/(mapping|connectors/(?!connectors\\.ts$))' },
  { name: 'link', path: '^src/(link/|federation/|subscriptions/(?!transport/|registerSubscriptions\\.ts$)|connectors/connectors\\.ts$)' },
  {
    name: 'executor and server',
    path: '^src/(execution/plan|importers|subscriptions/transport|plugins|limits|trustedDocuments|check|status|playground|server|cli|demo|generated|config)/|^src/(main|subscriptions/registerSubscriptions)\\.ts$',
  },
];

const upward = LAYERS.flatMap((layer, index) =>
  LAYERS.slice(index + 1).map((higher) => ({
    name: `no-upward-import`,
    comment: `${layer.name} must not depend on ${higher.name}`,
    severity: 'error',
    from: { path: layer.path },
    to: { path: higher.path },
  })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'Modules never import each other in a cycle (type-only imports included).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'one-connector-registry',
      comment: "Only the connector registry (and the importers and their commands) reach into a connector's own folder from outside it.",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/connectors/', '^src/cli/', '^src/importers/'] },
      to: { path: '^src/connectors/[^/]+/' },
    },
    {
      name: 'connectors-stay-apart',
      comment: 'A connector does not import another connector.',
      severity: 'error',
      from: { path: '^src/connectors/([^/]+)/' },
      to: { path: '^src/connectors/[^/]+/', pathNot: '^src/connectors/$1/' },
    },
    {
      name: 'every-layer-known',
      comment: 'Every folder of src/ belongs to a layer (add new folders to LAYERS).',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.map((layer) => layer.path) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
