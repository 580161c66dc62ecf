import type { DocumentNode } from 'graphql';
import { compileGateway } from '../link/compileGateway';
import type { Environment } from '../link/compileSources';
import { SchemaCompileError, type SchemaProblem } from '../schema/SchemaProblem';
import type { CheckReport } from './CheckReport';
import { schemaChanges } from './schemaChanges';
import { schemaLints } from './schemaLints';

export interface CheckOptions {
  readonly typeDefs: readonly (string | DocumentNode)[];
  /** The environment the gateway will run with; variables it lacks are warnings here, not errors. */
  readonly env: Environment;
  /** Folder relative paths in @source are resolved against. */
  readonly baseDir: string;
  /** The previous version of the schema folder, to find breaking changes against. */
  readonly previous?: readonly (string | DocumentNode)[] | undefined;
}

/** What a variable that is not set reads as during a check: a valid URL, and obviously a placeholder. */
const UNSET = 'https://env-not-set.invalid';

/**
 * Compiles a schema folder as the gateway would, without opening a socket or a store, and
 * reports every problem with its coordinate, the warnings of a review (see schemaLints, and
 * protected non-null fields), and, against a previous version, what changed for clients.
 */
export async function checkSchema(options: CheckOptions): Promise<CheckReport> {
  const unset = new Set<string>();
  const env = new Proxy(options.env, {
    get: (target, name) => {
      if (typeof name !== 'string') return undefined;
      const value = target[name];
      if (value !== undefined && value !== '') return value;
      unset.add(name);
      return UNSET;
    },
  });
  const changes = options.previous === undefined ? [] : await schemaChanges(options.previous, options.typeDefs);
  try {
    // The compile stage alone: no socket, store or metric.
    const compiled = await compileGateway({ typeDefs: options.typeDefs, env, baseDir: options.baseDir });
    const warnings: SchemaProblem[] = [
      ...[...unset]
        .sort()
        .map((name) => ({ coordinate: `{env.${name}}`, message: 'is not set here: the gateway will not start without it' })),
      ...compiled.warnings,
      ...schemaLints({
        typeDefs: options.typeDefs,
        sources: compiled.sources.keys(),
        upstreamFields: compiled.upstreamFields,
        protectedFields: compiled.protectedFields,
      }),
    ];
    return { errors: [], warnings, changes };
  } catch (error) {
    if (!(error instanceof SchemaCompileError)) {
      // A document that does not parse or build (graphql-js's error names the file and line).
      return { errors: [{ coordinate: 'schema', message: error instanceof Error ? error.message : String(error) }], warnings: [], changes };
    }
    return { errors: error.problems, warnings: [], changes };
  }
}
