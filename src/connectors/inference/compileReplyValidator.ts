import Ajv from 'ajv';
import type { JsonSchema } from './deriveJsonSchema';

/** Checks a parsed answer: undefined when it fits the schema, else what is wrong with it (never the answer itself). */
export type ReplyValidator = (value: unknown) => string | undefined;

// The one Ajv instance. Strict mode refuses schemas with unknown keywords, so a mistake in
// deriveJsonSchema fails at startup rather than validating nothing.
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: false });

/** Compiles a derived schema once, at startup, into a validator of model answers. */
export function compileReplyValidator(schema: JsonSchema): ReplyValidator {
  const validate = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return undefined;
    const [first] = validate.errors ?? [];
    return first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'does not match the schema';
  };
}
