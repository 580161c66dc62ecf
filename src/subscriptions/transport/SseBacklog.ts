import type { Socket } from 'node:net';

/** Bytes the socket has finished writing: what it was handed, less what it still holds. */
function written(socket: Socket): number {
  return socket.bytesWritten - socket.writableLength;
}

/**
 * How far one SSE client has fallen behind, in bytes: results handed to graphql-sse (which queues
 * them and writes one message at a time) that its socket has not finished writing yet. What the
 * WebSocket path reads from `bufferedAmount`; the response's own framing is not counted.
 */
export class SseBacklog {
  #queued = 0;
  readonly #start: number;

  constructor(private readonly socket: Socket) {
    this.#start = written(socket);
  }

  /** A result of `bytes` is about to be queued for the client. */
  add(bytes: number): void {
    this.#queued += bytes;
  }

  get bytes(): number {
    return Math.max(0, this.#queued - (written(this.socket) - this.#start));
  }
}
