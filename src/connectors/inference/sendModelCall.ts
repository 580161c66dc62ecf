import type { RequestContext } from '../../execution/RequestContext';
import type { HttpTransport } from '../../http/HttpTransport';
import type { UpstreamRequest } from '../../http/UpstreamRequest';
import { inModelSpan, type ModelCall } from './inModelSpan';
import type { InferenceMeter } from './InferenceMeter';
import { parseModelResponse } from './parseModelResponse';
import { readTokenUsage } from './readTokenUsage';

/**
 * Sends one model call through the transport, like every upstream call (retry policy, breaker,
 * deadline, size cap, metrics): the caller's token budget is checked first, each attempt is
 * counted for `extensions.inference`, the call once for the audit line, and the tokens the answer
 * says it used are charged whatever the answer turns out to be. Returns the answer's JSON.
 */
export async function sendModelCall(
  transport: HttpTransport,
  meter: InferenceMeter,
  call: ModelCall,
  request: UpstreamRequest,
  context: RequestContext,
): Promise<unknown> {
  const kind = call.operation === 'chat' ? 'chat' : 'embedding';
  context.audit.upstreamCall(request.source);
  await meter.admit(context);
  const reply = await inModelSpan(
    call,
    async () => parseModelResponse(await transport.send({ ...request, onAttempt: () => context.audit.inference.call() })),
    (answer) => readTokenUsage(answer, kind),
  );
  await meter.record(context, readTokenUsage(reply, kind));
  return reply;
}
