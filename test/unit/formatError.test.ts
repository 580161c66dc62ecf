import { buildSchema, getVariableValues, parse, validate, type OperationDefinitionNode } from 'graphql';
import pino from 'pino';
import { createFormatError } from '../../src/server/formatError';

const schema = buildSchema(`
  enum Status { PLACED PAID }
  input Filter { status: Status }
  type Query { orders(filter: Filter): [String] }
`);
const formatError = createFormatError(pino({ level: 'silent' }));

describe('formatError', () => {
  it('takes graphql-js name suggestions out of variable coercion errors', () => {
    const document = parse('query ($filter: Filter) { orders(filter: $filter) }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { filter: { statsu: 'PAIDD' } });
    const [error] = coerced.errors ?? [];
    expect(error?.message).toMatch(/Did you mean "status"\?$/);
    const formatted = formatError({ message: error?.message ?? '', extensions: { code: 'BAD_USER_INPUT' } }, error);
    expect(formatted.message).toBe(
      'Variable "$filter" got invalid value { statsu: "PAIDD" }; Field "statsu" is not defined by type "Filter".',
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('takes enum value suggestions out of validation errors', () => {
    const [error] = validate(schema, parse('{ orders(filter: { status: PAIDD }) }'));
    expect(error?.message).toMatch(/Did you mean the enum value "PAID" or "PLACED"\?$/);
    const formatted = formatError({ message: error?.message ?? '', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error);
    expect(formatted.message).toBe('Value "PAIDD" does not exist in "Status" enum.');
  });

  it('leaves other messages as they are', () => {
    const formatted = { message: 'Did you mean to ask?  Upstream said no.', extensions: { code: 'UPSTREAM_REJECTED' } };
    expect(formatError(formatted, new Error(formatted.message))).toBe(formatted);
  });
});
