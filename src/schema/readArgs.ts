/**
 * Directive arguments arrive as `unknown` (custom scalars are untyped). These guards turn them
 * into typed values where they enter, reporting what is wrong instead of trusting the shape.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

export function optionalInt(args: Record<string, unknown>, name: string): number | undefined {
  const value = args[name];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function optionalBoolean(args: Record<string, unknown>, name: string): boolean | undefined {
  const value = args[name];
  return typeof value === 'boolean' ? value : undefined;
}

/** `a.b.c` → `['a', 'b', 'c']`; empty string → `[]`. */
export function splitPath(path: string | undefined): string[] {
  return path ? path.split('.').filter((part) => part.length > 0) : [];
}
