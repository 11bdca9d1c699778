/**
 * @file Which keys Pulumi.yaml declares, and with what default.
 *
 * The Pulumi CLI treats a declared key without a `default` as required on every stack
 * (pulumi/pulumi#21797: "a value for that key must be present ... regardless of if it is fetched
 * using .get"), and copies a declared default into the stack's configuration
 * (pulumi/pulumi sdk/go/common/workspace/project_test.go, TestStackConfigIsInheritedFromProjectConfig:
 * "instanceCount and protect are inherited from the project", as the strings "20" and "true").
 * So a key is declared only with a concrete default, or when every stack must set it.
 */
import { KeySpec, defaultTextOf } from "./keySpec";

/** The types a Pulumi.yaml `config:` block can declare (numbers with decimals and maps cannot be). */
const DECLARABLE_KINDS = ["string", "integer", "boolean", "array"];

/** The default as Pulumi would copy it into the stack's configuration; undefined when there is none. */
export function concreteDefault(spec: KeySpec): string | undefined {
    // A default that is a description (derived, generated, …) is no value Pulumi could hold.
    return spec.default === undefined || spec.defaultText !== undefined ? undefined : defaultTextOf(spec);
}

/** How Pulumi.yaml declares the key: with its default, as required (no default), or not at all. */
export function declaration(spec: KeySpec): "default" | "required" | undefined {
    if (!DECLARABLE_KINDS.includes(spec.kind)) return undefined;
    if (spec.required) return "required";
    return concreteDefault(spec) === undefined ? undefined : "default";
}
