import { getNamedType, isCompositeType, isInterfaceType, isObjectType, isUnionType, type GraphQLNamedType } from 'graphql';
import { compileCachePolicy } from '../../cache/compileCachePolicy';
import { parseFieldTemplate, type FieldContext } from '../../schema/FieldContext';
import { isRecord, optionalString } from '../../schema/readArgs';
import { templateExpressions } from '../../templates/parseTemplate';
import { lookupSource } from '../lookupSource';
import type { GraphqlSourceConfig } from './GraphqlSourceConfig';
import type { GraphqlArgument, GraphqlFieldPlan } from './GraphqlFieldPlan';

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Compiles `@graphql(...)` arguments into a plan, recording every problem with the field's coordinate. */
export function compileGraphqlField(context: FieldContext, args: Record<string, unknown>): GraphqlFieldPlan | undefined {
  const { coordinate, problems, schema, field } = context;
  const before = problems.size;
  const source = lookupSource<GraphqlSourceConfig>(context, 'graphql', optionalString(args, 'source') ?? '', 'graphql');

  const upstreamField = optionalString(args, 'field') ?? field.name;
  if (!NAME.test(upstreamField)) problems.add(coordinate, `@graphql field "${upstreamField}" is not a GraphQL field name`);

  const operation = context.type === schema.getMutationType() ? 'mutation' : 'query';
  if (context.type === schema.getSubscriptionType()) problems.add(coordinate, '@graphql cannot serve a subscription field');

  const argumentList: GraphqlArgument[] = [];
  const given = args['args'];
  if (given === undefined || given === null) {
    // By default the field's own arguments are passed on by name, with their declared types.
    for (const argument of field.args) {
      const value = parseFieldTemplate(context, `{args.${argument.name}}`, `@graphql args.${argument.name}`);
      if (value) argumentList.push({ name: argument.name, value, type: argument.type });
    }
  } else if (!isRecord(given)) {
    problems.add(coordinate, '@graphql args must be an object of templates, e.g. { sku: "{parent.sku}" }');
  } else {
    for (const [name, text] of Object.entries(given)) {
      if (!NAME.test(name)) problems.add(coordinate, `@graphql args.${name} is not a GraphQL argument name`);
      if (typeof text !== 'string') {
        problems.add(coordinate, `@graphql args.${name} must be a template string`);
        continue;
      }
      const value = parseFieldTemplate(context, text, `@graphql args.${name}`);
      if (!value) continue;
      const [only, ...rest] = value.segments;
      const own = rest.length === 0 && typeof only === 'object' && only.root === 'args' && only.path.length === 1;
      const type = own ? field.args.find((argument) => argument.name === only.path[0])?.type : undefined;
      argumentList.push({ name, value, type });
    }
  }

  if (problems.size > before || !source) return undefined;
  const readsClaims = argumentList.some((argument) =>
    templateExpressions(argument.value).some((expression) => expression.root === 'claims'),
  );
  const idempotent = operation === 'query';
  return Object.freeze({
    kind: 'graphql',
    coordinate,
    source,
    operation,
    upstreamField,
    args: argumentList,
    idempotent,
    cache: compileCachePolicy({
      context,
      idempotent,
      readsClaims,
      source,
    }),
    localFields: localFieldsUnder(context, getNamedType(field.type)),
  });
}

/** The fields reachable from the field's type that another directive (or a resolver) serves here. */
function localFieldsUnder(context: FieldContext, root: GraphQLNamedType): ReadonlySet<string> {
  const local = new Set<string>();
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType): void => {
    if (!isCompositeType(type) || seen.has(type.name)) return;
    seen.add(type.name);
    if (isUnionType(type)) {
      for (const member of type.getTypes()) visit(member);
      return;
    }
    if (isInterfaceType(type)) for (const implementation of context.schema.getPossibleTypes(type)) visit(implementation);
    if (!isObjectType(type) && !isInterfaceType(type)) return;
    for (const child of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${child.name}`;
      if (context.resolvedFields.has(coordinate)) local.add(coordinate);
      else visit(getNamedType(child.type));
    }
  };
  visit(root);
  return local;
}
