import { Writable } from 'node:stream';

/** Collects every line a pino logger writes. */
export class LineCapture extends Writable {
  readonly lines: string[] = [];
  private partial = '';

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.partial += chunk.toString();
    const parts = this.partial.split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((line) => line.length > 0));
    callback();
  }

  /** The lines as JSON records. */
  records(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
