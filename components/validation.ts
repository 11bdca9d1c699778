/**
 * @file How the components report invalid arguments: one InvalidArgumentsError (the user-input error family
 * of config/userError.ts) listing every problem, thrown before any child is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { InvalidArgumentsError } from "../config/userError";

export { InvalidArgumentsError } from "../config/userError";

/**
 * Throws one error listing every problem with a component's arguments, each
 * of the form `args.field: got …; expected …`. Called before the component
 * registers any child, so nothing is half-created.
 */
export function throwIfInvalid(type: string, name: string, problems: readonly string[]): void {
    if (problems.length === 0) return;
    const errors = problems.map((problem) => {
        const separator = problem.indexOf(": ");
        return separator < 0
            ? { propertyPath: "args", reason: problem }
            : { propertyPath: problem.slice(0, separator), reason: problem.slice(separator + 2) };
    });
    throw new InvalidArgumentsError(
        `${type} ${JSON.stringify(name)}: invalid arguments:\n` +
            problems.map((problem) => `  - ${problem}`).join("\n"),
        errors,
    );
}

/** A plain value now, or undefined when it is only known later (an Output or a promise). */
export function plainValue<T>(input: pulumi.Input<T> | undefined): T | undefined {
    if (input === undefined || pulumi.Output.isInstance(input) || input instanceof Promise) return undefined;
    return input as T;
}
