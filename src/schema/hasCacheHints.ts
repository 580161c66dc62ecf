import { isObjectType, isInterfaceType, type GraphQLSchema } from 'graphql';

/** Whether any type or field of the schema carries an `@cacheControl` hint. Pure. */
export function hasCacheHints(schema: GraphQLSchema): boolean {
  const hinted = (node: { directives?: readonly { name: { value: string } }[] } | null | undefined) =>
    node?.directives?.some((directive) => directive.name.value === 'cacheControl') ?? false;
  return Object.values(schema.getTypeMap()).some((type) => {
    if (hinted(type.astNode) || type.extensionASTNodes.some(hinted)) return true;
    if (!isObjectType(type) && !isInterfaceType(type)) return false;
    return Object.values(type.getFields()).some((field) => hinted(field.astNode));
  });
}
