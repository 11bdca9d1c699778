/**
 * @file The one family of errors for a user's mistake (a bad `doku:` key, a bad component argument, a bad
 * value found at run time): `UserInputError` and its kinds `ConfigError` and `InvalidArgumentsError`.
 */
import * as pulumi from "@pulumi/pulumi";

/** The mark every error of the family carries (InvalidArgumentsError cannot extend UserInputError). */
const USER_INPUT_ERROR = "__dokuUserInputError";

/**
 * A user's mistake, reported as its message alone. Pulumi's runner prints a RunError as its message alone,
 * but it also formats every unhandled error with `util.inspect(err, {colors: true})` (cmd/run/run.js, the
 * tracing event of its uncaught handler). On Node 20.20 that never ends well for a stack holding an SDK frame
 * that source-map-support maps to `node_modules/@pulumi/<file>.ts`: inspect ran 30 s and more, then threw
 * "Invalid string length" (3.6 GB). So this error carries no frames: nothing to format. Often thrown inside
 * an `apply`, where a value became known. `instanceof UserInputError` is also true for ConfigError and
 * InvalidArgumentsError.
 */
export class UserInputError extends pulumi.RunError {
    /** Marks the family (see `instanceof`). */
    readonly [USER_INPUT_ERROR] = true;

    constructor(message: string) {
        super(message);
        this.name = "UserInputError";
        this.stack = `${this.name}: ${message}`;
    }

    /** Any error of the family, including InvalidArgumentsError (an InputPropertiesError). */
    static [Symbol.hasInstance](instance: unknown): boolean {
        if (this !== UserInputError) return Function.prototype[Symbol.hasInstance].call(this, instance);
        return (
            typeof instance === "object" &&
            instance !== null &&
            (instance as Record<string, unknown>)[USER_INPUT_ERROR] === true
        );
    }
}

/** Invalid `doku:` configuration: every problem, one per line, each naming its `doku:` key. */
export class ConfigError extends UserInputError {
    constructor(readonly problems: string[]) {
        super(
            `Invalid doku configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((problem) => `  - ${problem}`).join("\n"),
        );
        this.name = "ConfigError";
        this.stack = `${this.name}: ${this.message}`;
    }
}

/** One invalid property, as Pulumi's InputPropertiesError names it. */
export interface InvalidProperty {
    /** The argument's path, e.g. `args.clickhouse.port`. */
    readonly propertyPath: string;
    /** What is wrong and what is expected. */
    readonly reason: string;
}

/**
 * A component's invalid arguments: an InputPropertiesError (what Pulumi expects from components, naming
 * each property), also marked as a RunError, so that Pulumi's runner prints its message alone — a user's
 * mistake, not a crash with a stack trace (cmd/run/run.js prints a RunError's message, any other error
 * with its stack). It carries no frames, for the reason given at UserInputError.
 */
export class InvalidArgumentsError extends pulumi.InputPropertiesError {
    /** What `pulumi.RunError.isInstance` looks for. */
    readonly __pulumiRunError = true;
    /** Marks the family: `instanceof UserInputError` is true. */
    readonly [USER_INPUT_ERROR] = true;

    constructor(message: string, errors: InvalidProperty[]) {
        super({ message, errors });
        this.name = "InvalidArgumentsError";
        this.stack = `${this.name}: ${message}`;
    }
}
