import { writeFileSync } from 'node:fs';

/** A valid `@source` name, as the import commands take it with `--source`. */
const SOURCE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * What the import commands (`import:openapi`, `import:wsdl`, `import:graphql`) share: how they
 * refuse bad usage (exit status 2, with the usage), report an input they cannot import (exit
 * status 1), check their one input and their `--source`, and print or write the SDL.
 */
export class ImportCommand {
  constructor(private readonly usage: string) {}

  /** Bad usage: the message and the usage on stderr, exit status 2. */
  usageError(message: string): void {
    process.stderr.write(`${message}\n\n${this.usage}\n`);
    process.exitCode = 2;
  }

  /** The input cannot be imported: the message on stderr, exit status 1. */
  fail(message: string): void {
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  }

  /** Prints the usage when asked for it; true when it did. */
  helped(help: boolean | undefined): boolean {
    if (help) process.stdout.write(`${this.usage}\n`);
    return help === true;
  }

  /** The one input (`what`: e.g. "WSDL file"), or undefined after a usage error. */
  input(positionals: readonly string[], what: string): string | undefined {
    const [input, ...extra] = positionals;
    if (input !== undefined && extra.length === 0) return input;
    this.usageError(input === undefined ? `Give one ${what}.` : `Give one ${what}, not ${positionals.length}.`);
    return undefined;
  }

  /** The `--source` name, or undefined after a usage error. */
  sourceName(source: string | undefined): string | undefined {
    if (source === undefined) this.usageError('--source <name> is required: the @source name fields will refer to.');
    else if (!SOURCE_NAME.test(source)) this.usageError(`--source "${source}" must be an identifier (letters, digits, _ and -).`);
    else return source;
    return undefined;
  }

  /** The SDL on stdout, or written to `--out`. */
  writeSdl(sdl: string, out: string | undefined): void {
    if (out === undefined) {
      process.stdout.write(sdl);
      return;
    }
    writeFileSync(out, sdl);
    process.stderr.write(`Wrote ${out}\n`);
  }
}
