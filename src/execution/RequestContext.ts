import type { Caller } from '../auth/Caller';
import type { LoaderRegistry } from './LoaderRegistry';
import type { RequestAudit } from './RequestAudit';

/** The GraphQL context of one request. */
export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: LoaderRegistry;
  readonly audit: RequestAudit;
  /** The client's address, for per-caller limits of anonymous callers. */
  readonly clientAddress: string;
  /** Epoch ms by which every upstream call of this request must be done (REQUEST_TIMEOUT_MS). */
  readonly deadline: number;
  /** The client's request headers, for sources that forward some of them (`@source(auth: {…})`). */
  readonly clientHeaders?: Readonly<Record<string, string | string[] | undefined>>;
}
