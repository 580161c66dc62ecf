import { ConfigError } from '../config/GatewayConfig';
import { SchemaCompileError } from '../schema/SchemaProblem';

/** Whether starting again cannot help: a bad schema or setting stays bad. */
export function isConfigurationError(error: unknown): error is SchemaCompileError | ConfigError {
  return error instanceof SchemaCompileError || error instanceof ConfigError;
}

/** What stderr says when the gateway cannot start: the problems alone for a bad schema or setting, else the stack. */
export function describeStartupFailure(error: unknown): string {
  if (isConfigurationError(error)) return error.message;
  return `Tributary failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
