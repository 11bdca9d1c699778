/**
 * @file URNs as the engine builds them (pulumi/pulumi `resource.NewURN`):
 * `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where the
 * qualified type is the parent's qualified type, `$`, then the type — except
 * under the root Stack, whose type is not prefixed.
 */
/** The type of the root Stack resource, the parent of every top-level resource. */
export const STACK_TYPE = "pulumi:pulumi:Stack";

/** The qualified type of a URN (its parents' types, `$`-joined, then its own). */
export function qualifiedTypeOf(urn: string): string {
    return urn.split("::")[2] ?? "";
}

/** The resource name a URN ends with. */
export function nameOfUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/** The URN of a resource registered under `parentUrn` (empty: no parent). */
export function newUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    const parentType = parentUrn === "" ? "" : qualifiedTypeOf(parentUrn);
    const qualified = parentType === "" || parentType === STACK_TYPE ? type : `${parentType}$${type}`;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** `<urn>::<id>`, the provider reference a resource names its provider by. */
export function providerReference(urn: string, id: string): string {
    return `${urn}::${id}`;
}
