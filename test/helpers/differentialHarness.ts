import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, validate, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createAuthenticator } from '../../src/auth/createAuthenticator';
import { loadAuthConfig } from '../../src/config/loadAuthConfig';
import { signToken } from '../../src/auth/signToken';
import type { OperationExecutor } from '../../src/execution/plan/createOperationExecutor';
import { LoaderRegistry } from '../../src/execution/LoaderRegistry';
import { RequestAudit } from '../../src/execution/RequestAudit';
import { ANONYMOUS, type Caller } from '../../src/auth/Caller';
import { type RequestContext } from '../../src/execution/RequestContext';

/** One operation of a differential corpus: a document, and what to run it with. */
export interface CorpusEntry {
  /** Unique within its corpus: names the test. */
  readonly name: string;
  readonly query: string;
  readonly operationName?: string;
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** A caller the corpus is run as: a name for reports, and the `Caller` the gateway would build. */
export interface NamedCaller {
  readonly name: string;
  readonly caller: Caller;
}

export interface CallerSpec {
  readonly name: string;
  readonly subject: string;
  readonly scopes: readonly string[];
}

const SECRET = 'differential-secret-that-is-at-least-32-characters';

/**
 * Builds each caller exactly as the gateway does for a request: a signed HS256 token, verified
 * by `createAuthenticator` (claims, scopes from `scope`, `via: token`). Anonymous is `ANONYMOUS`.
 */
export async function buildCallers(specs: readonly CallerSpec[]): Promise<NamedCaller[]> {
  const authenticate = createAuthenticator(loadAuthConfig({ JWT_SECRET: SECRET }));
  const callers: NamedCaller[] = [{ name: 'anonymous', caller: ANONYMOUS }];
  for (const spec of specs) {
    const token = await signToken({ secret: SECRET, subject: spec.subject, scopes: spec.scopes, ttl: '1h' });
    callers.push({ name: spec.name, caller: await authenticate({ authorization: `Bearer ${token}` }) });
  }
  return callers;
}

/** A fresh request context, as the gateway's context factory builds one per request. */
export function freshContext(caller: Caller): RequestContext {
  return { caller, loaders: new LoaderRegistry(), audit: new RequestAudit(), clientAddress: '127.0.0.1', deadline: Date.now() + 10_000 };
}

/** An error as compared: the four client-visible members, after a JSON round trip. */
export interface ComparableError {
  readonly message: unknown;
  readonly path: unknown;
  readonly locations: unknown;
  readonly extensions: unknown;
}

/** What is compared of one execution: the result (errors sorted) and the fields the audit denied. */
export interface Comparable {
  /** Top-level keys of the serialized result, sorted (`data`, `errors`, …). */
  readonly keys: readonly string[];
  readonly data: unknown;
  readonly errors: readonly ComparableError[] | undefined;
  readonly denied: readonly string[];
  /** Upstream calls per source, when compared (only where no upstream cache can answer the second run). */
  readonly upstreamCalls?: Readonly<Record<string, number>>;
  /** `data` as serialized, so response key order (which must follow the query) is compared too. */
  readonly dataText: string | undefined;
  /** When the path threw instead of answering a result: the message. */
  readonly thrown?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathKey(path: unknown): string {
  return Array.isArray(path) ? path.map(String).join('.') : '';
}

/** The result as a client would receive it (JSON round trip), errors sorted by path. */
export function toComparable(result: ExecutionResult, audit: RequestAudit, withUpstreamCalls = false): Comparable {
  const json: unknown = JSON.parse(JSON.stringify(result));
  if (!isRecord(json)) throw new Error(`result is not an object: ${JSON.stringify(json)}`);
  const rawErrors = json['errors'];
  let errors: ComparableError[] | undefined;
  if (rawErrors !== undefined) {
    if (!Array.isArray(rawErrors)) throw new Error(`errors is not a list: ${JSON.stringify(rawErrors)}`);
    errors = rawErrors
      .map((error: unknown): ComparableError => {
        const record = isRecord(error) ? error : {};
        return { message: record['message'], path: record['path'], locations: record['locations'], extensions: record['extensions'] };
      })
      .sort((a, b) => {
        const byPath = pathKey(a.path).localeCompare(pathKey(b.path));
        return byPath !== 0 ? byPath : JSON.stringify(a).localeCompare(JSON.stringify(b));
      });
  }
  return {
    keys: Object.keys(json).sort(),
    data: json['data'],
    errors,
    denied: [...audit.denied].sort(),
    ...(withUpstreamCalls ? { upstreamCalls: { ...audit.upstreamCalls } } : {}),
    dataText: JSON.stringify(json['data']),
  };
}

/** The outcome of one corpus entry for one caller, through both execution paths. */
export interface DifferentialOutcome {
  readonly caller: string;
  readonly reference: Comparable;
  readonly compiled: Comparable;
}

/** Parses and validates an entry; throws (naming the rule violations) when it is not valid for the schema. */
export function parseValid(schema: GraphQLSchema, entry: CorpusEntry) {
  const document = parse(entry.query);
  const problems = validate(schema, document);
  if (problems.length > 0)
    throw new Error(`corpus entry ${entry.name} is not valid: ${problems.map((problem) => problem.message).join('; ')}`);
  return document;
}

/**
 * Runs one entry as each caller through graphql-js's `execute` and through the compiled
 * executor, each with a fresh context, one after the other (graphql-js first).
 */
export async function runBothPaths(
  schema: GraphQLSchema,
  executor: OperationExecutor,
  callers: readonly NamedCaller[],
  entry: CorpusEntry,
  options: { readonly compareUpstreamCalls?: boolean } = {},
): Promise<DifferentialOutcome[]> {
  const withCalls = options.compareUpstreamCalls ?? false;
  const document = parseValid(schema, entry);
  const outcomes: DifferentialOutcome[] = [];
  for (const { name, caller } of callers) {
    const reference = await settle(caller, withCalls, (contextValue) =>
      execute({ schema, document, operationName: entry.operationName, variableValues: entry.variables, contextValue }),
    );
    const compiled = await settle(caller, withCalls, (contextValue) =>
      executor.execute({ document, operationName: entry.operationName, variableValues: entry.variables, contextValue }),
    );
    outcomes.push({ caller: name, reference, compiled });
  }
  return outcomes;
}

/** Runs one path with a fresh context; a throw is recorded rather than propagated, so both paths can be compared. */
async function settle(
  caller: Caller,
  withUpstreamCalls: boolean,
  run: (context: RequestContext) => Promise<ExecutionResult> | ExecutionResult,
): Promise<Comparable> {
  const context = freshContext(caller);
  try {
    const result = await run(context);
    return toComparable(result, context.audit, withUpstreamCalls);
  } catch (error) {
    return {
      keys: [],
      data: undefined,
      errors: undefined,
      denied: [...context.audit.denied].sort(),
      dataText: undefined,
      thrown: error instanceof Error ? error.message : String(error),
    };
  }
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(containsNull);
  if (isRecord(value)) return Object.values(value).some(containsNull);
  return false;
}

/** Tallies of what the reference results contained, so the comparison is shown not to be trivial. */
export class OutcomeTally {
  executions = 0;
  withErrors = 0;
  withNullData = 0;
  withNullsInData = 0;
  withNonEmptyData = 0;
  withoutData = 0;
  withDenied = 0;
  readonly errorCodes = new Map<string, number>();

  add(outcome: DifferentialOutcome): void {
    const { reference } = outcome;
    this.executions += 1;
    if (reference.errors !== undefined && reference.errors.length > 0) this.withErrors += 1;
    if (!reference.keys.includes('data')) this.withoutData += 1;
    else if (reference.data === null) this.withNullData += 1;
    else if (containsNull(reference.data)) this.withNullsInData += 1;
    if (isRecord(reference.data) && Object.values(reference.data).some((value) => value !== null)) this.withNonEmptyData += 1;
    if (reference.denied.length > 0) this.withDenied += 1;
    for (const error of reference.errors ?? []) {
      const code = isRecord(error.extensions) && typeof error.extensions['code'] === 'string' ? error.extensions['code'] : '(none)';
      this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
    }
  }
}

/** The bench upstream's data: jsonplaceholder's shape, with a few rows an upstream might really send. */
export interface BenchUpstream {
  readonly url: string;
  /** Requests received, by path. */
  readonly requests: string[];
  close(): Promise<void>;
}

function benchUsers(): Record<string, unknown>[] {
  return Array.from({ length: 10 }, (_, index) => {
    const id = index + 1;
    const user: Record<string, unknown> = {
      id,
      name: `User ${id}`,
      username: `user${id}`,
      email: `user${id}@example.org`,
      address: {
        street: `${id} Main St`,
        suite: `Apt. ${id}`,
        city: 'Gwenborough',
        zipcode: '92998-3874',
        geo: { lat: '-37.3159', lng: '81.1496' },
      },
      phone: `1-770-736-80${String(id).padStart(2, '0')}`,
      website: `user${id}.example.org`,
      company: { name: `Company ${id}`, catchPhrase: 'Multi-layered client-server neural-net', bs: 'harness real-time e-markets' },
    };
    if (id === 3) delete user['phone'];
    if (id === 5) user['website'] = null;
    // A required field the upstream failed to send: User.name is String!.
    if (id === 7) user['name'] = null;
    return user;
  });
}

function benchPosts(): Record<string, unknown>[] {
  return Array.from({ length: 100 }, (_, index) => {
    const id = index + 1;
    const post: Record<string, unknown> = {
      // Users 11 and 12 do not exist (404: user null).
      userId: (index % 12) + 1,
      id,
      title: `post ${id} title`,
      body: `post ${id} body\nwith a second line`,
    };
    if (id === 33) post['userId'] = '3'; // a numeric string where an Int is declared
    if (id === 44) post['userId'] = null; // Int! is null, and {parent.userId} has no value for the path
    if (id === 50) post['title'] = null; // String! is null: the post becomes null in the list
    if (id === 55) post['title'] = null; // the same, on a post whose user (7) has a null name
    if (id === 60) post['userId'] = 13; // /users/13 answers 400
    if (id === 61) post['userId'] = 14; // /users/14 answers 500
    if (id === 77) post['id'] = '77'; // a numeric string id
    if (id === 88) post['body'] = 42; // a number where a String is declared
    if (id === 99) post['userId'] = 2.5; // not an integer
    return post;
  });
}

/**
 * A jsonplaceholder-shaped REST upstream on a loopback port: `GET /posts` (100 posts) and
 * `GET /users/{id}` (10 users; 13 answers 400, 14 answers 500, any other id 404).
 */
export async function startBenchUpstream(): Promise<BenchUpstream> {
  const posts = JSON.stringify(benchPosts());
  const users = new Map(benchUsers().map((user) => [String(user['id']), JSON.stringify(user)]));
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    const send = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    };
    if (request.method !== 'GET') return send(405, '{"error":"method not allowed"}');
    if (path === '/posts') return send(200, posts);
    const match = /^\/users\/([^/]+)$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1] ?? '');
      if (id === '13') return send(400, '{"error":"bad user id"}');
      if (id === '14') return send(500, '{"error":"database on fire"}');
      const user = users.get(id);
      return user === undefined ? send(404, '{}') : send(200, user);
    }
    return send(404, '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
