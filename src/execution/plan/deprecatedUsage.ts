import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/**
 * The deprecated parts of the schema an operation uses, as coordinates: fields (`Order.total`),
 * arguments (`Query.orders(first:)`), input fields and enum values written in the document
 * (`Status.LEGACY`). Computed once per operation, so a partner still using an old field can be
 * found in the metrics without any per-request work.
 */
export function deprecatedUsage(schema: GraphQLSchema, document: DocumentNode): readonly string[] {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (field?.deprecationReason != null && parent) used.add(`${parent.name}.${field.name}`);
      },
      Argument() {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (argument?.deprecationReason != null && field && parent) used.add(`${parent.name}.${field.name}(${argument.name}:)`);
      },
      ObjectField(node) {
        const input = getNamedType(typeInfo.getParentInputType() ?? undefined);
        if (!isInputObjectType(input)) return;
        const field = input.getFields()[node.name.value];
        if (field?.deprecationReason != null) used.add(`${input.name}.${field.name}`);
      },
      EnumValue(node) {
        const type = getNamedType(typeInfo.getInputType() ?? undefined);
        if (!isEnumType(type)) return;
        const value = type.getValue(node.value);
        if (value?.deprecationReason != null) used.add(`${type.name}.${value.name}`);
      },
    }),
  );
  return Object.freeze([...used].sort());
}
