import * as pulumi from "@pulumi/pulumi";

/**
 * A user's mistake found while the program runs (typically inside an `apply`, where the value
 * became known). Pulumi's runner prints a RunError as its message alone, but it also formats every
 * unhandled error with `util.inspect(err, {colors: true})` (cmd/run/run.js, the tracing event of
 * its uncaught handler). On Node 20.20 that never ends well for a stack holding an SDK frame that
 * source-map-support maps to `node_modules/@pulumi/<file>.ts`: inspect ran 30 s and more, then
 * threw "Invalid string length" (3.6 GB). So this error carries no frames: nothing to format.
 */
export class UserInputError extends pulumi.RunError {
    constructor(message: string) {
        super(message);
        this.name = "UserInputError";
        this.stack = `${this.name}: ${message}`;
    }
}
