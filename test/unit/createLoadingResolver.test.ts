import { ANONYMOUS } from '../../src/auth/Caller';
import { createLoadingResolver, type LoadingResolverOptions } from '../../src/execution/createLoadingResolver';
import { LoaderRegistry } from '../../src/execution/LoaderRegistry';
import type { RequestContext } from '../../src/execution/RequestContext';
import { RequestAudit } from '../../src/execution/RequestAudit';
import type { UpstreamRequest } from '../../src/http/UpstreamRequest';
import { parseTemplate, templateExpressions } from '../../src/templates/parseTemplate';
import { readExpression, type TemplateScope } from '../../src/templates/renderTemplate';

const context = (): RequestContext => ({
  caller: ANONYMOUS,
  loaders: new LoaderRegistry(),
  audit: new RequestAudit(),
  clientAddress: '127.0.0.1',
  deadline: Date.now() + 10_000,
});

/** The call for one user. */
const userRequest = (id: unknown): UpstreamRequest => ({
  source: 'users',
  method: 'GET',
  url: `http://users.test/users/${String(id)}`,
  headers: {},
  timeoutMs: 1000,
  maxResponseBytes: 1_000_000,
  idempotent: true,
});

/** A resolver for `user: User @rest(path: "/users/{parent.userId}")` that records its plans and calls. */
function usersResolver(overrides: Partial<LoadingResolverOptions> = {}) {
  const idRead = templateExpressions(parseTemplate('{parent.userId}'));
  const planned: unknown[] = [];
  const fetched: string[] = [];
  const resolver = createLoadingResolver({
    coordinate: 'Post.user',
    idempotent: true,
    maxBatchSize: 100,
    returnsList: false,
    reads: idRead,
    plan(scope: TemplateScope) {
      const id = readExpression(idRead[0]!, scope);
      planned.push(id);
      return { request: userRequest(id) };
    },
    async fetch(request) {
      fetched.push(request.url);
      return { id: request.url.slice(request.url.lastIndexOf('/') + 1) };
    },
    select: (data) => data,
    ...overrides,
  });
  return { resolver, planned, fetched };
}

describe('createLoadingResolver: many parents at once', () => {
  it('plans once per distinct value read, and calls once per distinct request', async () => {
    const { resolver, planned, fetched } = usersResolver();
    const parents = [1, 2, 1, 3, 2, 1].map((userId) => ({ userId }));
    const values = await resolver.resolveMany(parents, {}, context());
    expect(values).toEqual([{ id: '1' }, { id: '2' }, { id: '1' }, { id: '3' }, { id: '2' }, { id: '1' }]);
    expect(planned).toEqual([1, 2, 3]);
    expect(fetched.sort()).toEqual(['http://users.test/users/1', 'http://users.test/users/2', 'http://users.test/users/3']);
  });

  it('tells a number from the same digits as text, and null from a missing value', async () => {
    const { resolver, planned } = usersResolver();
    await resolver.resolveMany([{ userId: 1 }, { userId: '1' }, { userId: null }, {}, { userId: 1 }, { userId: null }], {}, context());
    expect(planned).toEqual([1, '1', null, undefined]);
  });

  it('plans every parent whose read is an object or a function: no key says they read the same', async () => {
    const { resolver, planned } = usersResolver();
    const shared = { nested: true };
    const method = () => 'x';
    await resolver.resolveMany([{ userId: shared }, { userId: shared }, { userId: method }, { userId: method }], {}, context());
    expect(planned).toEqual([shared, shared, method, method]);
  });

  it('never shares a plan between parents of a call that is not idempotent', async () => {
    const { resolver, planned } = usersResolver({ idempotent: false });
    await resolver.resolveMany([{ userId: 1 }, { userId: 1 }], {}, context());
    expect(planned).toEqual([1, 1]);
  });

  it('answers a plan that throws in its parent slot only', async () => {
    const { resolver } = usersResolver({
      plan(scope) {
        const userId = (scope['parent'] as { userId: number }).userId;
        if (userId === 2) throw new Error('no user 2');
        return {
          request: {
            source: 'users',
            method: 'GET',
            url: `http://users.test/users/${userId}`,
            headers: {},
            timeoutMs: 1000,
            maxResponseBytes: 1_000_000,
            idempotent: true,
          },
        };
      },
    });
    const values = await resolver.resolveMany([{ userId: 1 }, { userId: 2 }, { userId: 2 }], {}, context());
    expect(values[0]).toEqual({ id: '1' });
    expect(values[1]).toBeInstanceOf(Error);
    expect(values[2]).toBe(values[1]);
  });

  it('loads the requests of one tick through one loader: each request still its own call, repeated ones shared', async () => {
    const { resolver, fetched } = usersResolver();
    const ctx = context();
    const values = await Promise.all([
      resolver.resolveMany([{ userId: 1 }, { userId: 2 }], {}, ctx),
      resolver.resolveMany([{ userId: 2 }, { userId: 3 }], {}, ctx),
    ]);
    expect(values).toEqual([
      [{ id: '1' }, { id: '2' }],
      [{ id: '2' }, { id: '3' }],
    ]);
    expect(fetched.sort()).toEqual(['http://users.test/users/1', 'http://users.test/users/2', 'http://users.test/users/3']);
  });
});

describe('createLoadingResolver: a call that reads no template value', () => {
  /** `posts: Post @rest(path: "/posts")`: the same call for every request (the users resolver's fetch, another plan). */
  function postsResolver(plan: (scope: TemplateScope) => UpstreamRequest) {
    let plans = 0;
    const { resolver, fetched } = usersResolver({
      coordinate: 'Query.posts',
      reads: [],
      plan(scope) {
        plans += 1;
        return { request: plan(scope) };
      },
    });
    return { resolver, fetched, plans: () => plans };
  }
  const postsRequest = (): UpstreamRequest => ({
    source: 'posts',
    method: 'GET',
    url: 'http://posts.test/posts',
    headers: { accept: 'application/json' },
    timeoutMs: 1000,
    maxResponseBytes: 1_000_000,
    idempotent: true,
  });

  it('is planned once for every request, and still called once per request', async () => {
    const { resolver, fetched, plans } = postsResolver(postsRequest);
    expect(await resolver.resolveMany([undefined], {}, context())).toEqual([{ id: 'posts' }]);
    expect(await resolver.resolveMany([undefined], {}, context())).toEqual([{ id: 'posts' }]);
    expect(await resolver(undefined, {}, context(), undefined as never)).toEqual({ id: 'posts' });
    expect(plans()).toBe(1);
    expect(fetched).toEqual(['http://posts.test/posts', 'http://posts.test/posts', 'http://posts.test/posts']);
  });

  it('plans again after a plan that failed', async () => {
    let attempts = 0;
    const { resolver, plans } = postsResolver(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('not yet');
      return postsRequest();
    });
    const [failed] = await resolver.resolveMany([undefined], {}, context());
    expect(failed).toBeInstanceOf(Error);
    expect(await resolver.resolveMany([undefined], {}, context())).toEqual([{ id: 'posts' }]);
    expect(await resolver.resolveMany([undefined], {}, context())).toEqual([{ id: 'posts' }]);
    expect(plans()).toBe(2);
  });
});

describe('createLoadingResolver: plans shared across requests', () => {
  it('plans a value once for every request that reads it, and still calls once per request', async () => {
    const { resolver, planned, fetched } = usersResolver();
    expect(await resolver.resolveMany([{ userId: 1 }, { userId: 2 }], {}, context())).toEqual([{ id: '1' }, { id: '2' }]);
    expect(await resolver.resolveMany([{ userId: 2 }, { userId: 3 }, { userId: 1 }], {}, context())).toEqual([
      { id: '2' },
      { id: '3' },
      { id: '1' },
    ]);
    expect(planned).toEqual([1, 2, 3]);
    expect(fetched.sort()).toEqual([
      'http://users.test/users/1',
      'http://users.test/users/1',
      'http://users.test/users/2',
      'http://users.test/users/2',
      'http://users.test/users/3',
    ]);
  });

  it('keeps a number apart from the same digits as text, and does not keep a plan that threw', async () => {
    let failures = 1;
    const idRead = templateExpressions(parseTemplate('{parent.userId}'));
    const { resolver, planned } = usersResolver();
    const throwing = usersResolver({
      plan(scope: TemplateScope) {
        const id = readExpression(idRead[0]!, scope);
        planned.push(id);
        if (failures-- > 0) throw new Error('not yet');
        return { request: userRequest(id) };
      },
    }).resolver;
    await resolver.resolveMany([{ userId: 1 }], {}, context());
    await resolver.resolveMany([{ userId: '1' }], {}, context());
    expect(planned).toEqual([1, '1']);
    const [failed] = await throwing.resolveMany([{ userId: 7 }], {}, context());
    expect(failed).toBeInstanceOf(Error);
    expect(await throwing.resolveMany([{ userId: 7 }], {}, context())).toEqual([{ id: '7' }]);
    expect(await throwing.resolveMany([{ userId: 7 }], {}, context())).toEqual([{ id: '7' }]);
    expect(planned).toEqual([1, '1', 7, 7]);
  });

  it('shares no plan of a call that is not idempotent', async () => {
    const { resolver, planned } = usersResolver({ idempotent: false });
    await resolver.resolveMany([{ userId: 1 }], {}, context());
    await resolver.resolveMany([{ userId: 1 }], {}, context());
    expect(planned).toEqual([1, 1]);
  });
});
