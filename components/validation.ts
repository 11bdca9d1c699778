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
    throw new InvalidArgumentsError(
        `${type} ${JSON.stringify(name)}: invalid arguments:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        errors,
    );
}

/**
 * A component's invalid arguments: an InputPropertiesError (what Pulumi expects from components, naming
 * each property), also marked as a RunError, so that Pulumi's runner prints its message alone — a user's
 * mistake, not a crash with a stack trace (cmd/run/run.js prints a RunError's message, any other error
 * with its stack). It carries no frames, for the reason given in config/userError.ts.
 */
export class InvalidArgumentsError extends pulumi.InputPropertiesError {
    /** What `pulumi.RunError.isInstance` looks for. */
    readonly __pulumiRunError = true;

    constructor(message: string, errors: { propertyPath: string; reason: string }[]) {
        super({ message, errors });
        this.name = "InvalidArgumentsError";
        this.stack = `${this.name}: ${message}`;
    }
}

/** A plain value now, or undefined when it is only known later (an Output or a promise). */
export function plainValue<T>(input: pulumi.Input<T> | undefined): T | undefined {
    if (input === undefined || pulumi.Output.isInstance(input) || input instanceof Promise) return undefined;
    return input as T;
}
