import type { ServerResponse } from 'node:http';

/** Bodies shorter than this are joined to their head by Node: one small copy, one piece to write. */
const JOIN_BELOW = 1024;

/** Responses waiting for the end of the event loop's I/O phase, with their bodies. */
let waiting: { readonly response: ServerResponse; readonly body: string }[] = [];

function endWaiting(): void {
  const ending = waiting;
  waiting = [];
  for (const { response, body } of ending) {
    // A client that went away meanwhile has nothing left to read.
    if (response.destroyed) continue;
    if (body.length < JOIN_BELOW) {
      response.end(body);
      continue;
    }
    // A larger body leaves in one writev with its head, as two pieces: given a string body,
    // Node would first join it to the head, copying the whole answer once more.
    const { socket } = response;
    socket?.cork();
    response.flushHeaders();
    response.end(body);
    socket?.uncork();
  }
}

/**
 * Ends `response` with `body` once the event loop has finished its current I/O phase, together
 * with every other response finished in that phase (`setImmediate` runs right after it).
 *
 * Each response is still its own write on its own connection, but written back to back instead of
 * spread over the phase: a client waiting on many connections (a load balancer, a proxy, a
 * benchmark) is woken once for the lot, and on a loopback or a virtual machine that wake-up costs
 * more than the write. Under light load the phase holds one request and the delay is nothing;
 * under load it is at most the time to run the other requests the phase read, which the
 * responses spent waiting for the CPU anyway.
 */
export function endAfterIoPhase(response: ServerResponse, body: string): void {
  if (waiting.length === 0) setImmediate(endWaiting);
  waiting.push({ response, body });
}
