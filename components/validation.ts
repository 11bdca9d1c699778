import * as pulumi from "@pulumi/pulumi";

/**
 * Throws one error listing every problem with a component's arguments, each
 * of the form `args.field: got …; expected …`. Called before the component
 * registers any child, so nothing is half-created.
 */
export function throwIfInvalid(type: string, name: string, problems: readonly string[]): void {
    if (problems.length === 0) return;
    const errors = problems.map((p) => {
        const i = p.indexOf(": ");
        return { propertyPath: i < 0 ? "args" : p.slice(0, i), reason: i < 0 ? p : p.slice(i + 2) };
    });
    throw new pulumi.InputPropertiesError({
        message: `${type} ${JSON.stringify(name)}: invalid arguments:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        errors,
    });
}

/** A plain value now, or undefined when it is only known later (an Output or a promise). */
export function plainValue<T>(input: pulumi.Input<T> | undefined): T | undefined {
    if (input === undefined || pulumi.Output.isInstance(input) || input instanceof Promise) return undefined;
    return input as T;
}
