import {
  buildSchema,
  getNamedType,
  Kind,
  parse,
  print,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { BadUserInputError } from '../../src/errors/BadUserInputError';
import { upstreamSelection } from '../../src/connectors/graphql/upstreamSelection';
import { thrownBy } from './thrownBy';

const schema = buildSchema(/* GraphQL */ `
  interface Media {
    id: ID!
    title: String!
  }
  type Book implements Media {
    id: ID!
    title: String!
    pages: Int!
    blurb(format: String): String
    author: Author
    stock: Int
  }
  type Film implements Media {
    id: ID!
    title: String!
  }
  type Author {
    name: String!
  }
  type Query {
    book: Book
    search: [Media!]!
  }
`);

/** The selection sent upstream for the first root field of `query`, printed. */
function selectionFor(query: string, localFields: readonly string[] = []): { printed: string; variables: readonly string[] } {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  const returnType = getNamedType(schema.getQueryType()?.getFields()[field.name.value]?.type);
  if (!returnType) throw new Error('no such field');
  const result = upstreamSelection({
    schema,
    fieldNodes: [field],
    fragments,
    returnType,
    localFields: new Set(localFields),
    coordinate: 'Query.x',
  });
  return { printed: result.selectionSet ? print(result.selectionSet) : '', variables: result.variables };
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('upstreamSelection', () => {
  it('sends what the client selected, aliases dropped, fragments on the same type merged', () => {
    const { printed } = selectionFor(`{ book { t: title ...More } } fragment More on Book { pages writer: author { name } }`);
    expect(flat(printed)).toBe('{ title pages author { name } }');
  });

  it('keeps arguments, @skip/@include and the variables they read', () => {
    const { printed, variables } = selectionFor(`query($f: String, $on: Boolean!) { book { blurb(format: $f) pages @include(if: $on) } }`);
    expect(flat(printed)).toBe('{ blurb(format: $f) pages @include(if: $on) }');
    expect(variables).toEqual(['f', 'on']);
  });

  it('asks for __typename under an abstract type and keeps type conditions', () => {
    const { printed } = selectionFor(`{ search { title ... on Book { pages } ...F } } fragment F on Film { id }`);
    expect(flat(printed)).toBe('{ __typename title ... on Book { pages } ... on Film { id } }');
  });

  it('leaves out fields served here, and sends their parent’s scalars instead', () => {
    const { printed } = selectionFor(`{ book { title stock } }`, ['Book.stock']);
    expect(flat(printed)).toBe('{ title id pages }');
  });

  it('refuses a field selected twice with different arguments', () => {
    const error = thrownBy(() => selectionFor(`{ book { a: blurb(format: "x") b: blurb(format: "y") } }`));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.message).toBe(
      'Query.x: Book.blurb is selected twice with different arguments; a field served by a GraphQL source can be selected once per object',
    );
  });

  it('accepts the same field twice with the same arguments', () => {
    expect(flat(selectionFor(`{ book { a: title b: title } }`).printed)).toBe('{ title title }');
  });
});
