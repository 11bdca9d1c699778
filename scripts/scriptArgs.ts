/**
 * @file The arguments the scripts share: `--stack <name>` or `--config <file>` (which stack file), `--out`
 * (never empty, never an option), `--help`; and the user mistakes a script answers with exit status 2.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { StackConfigError } from "../offline/engine";
import { OutputDirError } from "../offline/outputDir";
import { StackFileError } from "../offline/stackConfig";
import { ProgramError } from "../offline/synthPreview";

/** A mistake in a script's arguments: said with the usage line, exit status 2, never a stack trace. */
export class UsageError extends Error {
    constructor(problem: string, usage: string) {
        super(`${problem}\n${usage}`);
        this.name = "UsageError";
    }
}

/** The repository's folder, where `Pulumi.<stack>.yaml` files are. */
export const ROOT = path.join(__dirname, "..");

/** Which stack file a script reads, and the stack's name. */
export interface StackSource {
    /** The stack's name: `--stack`, or the `--config` file's name without `Pulumi.` and `.yaml`. */
    readonly stack: string;
    /** The stack file. */
    readonly file: string;
}

/** The stack file of `--stack <name>` or `--config <file>` (exactly one unless `optional`); throws UsageError. */
export function stackSource(
    values: { stack?: string; config?: string },
    usage: string,
    optional = false,
): StackSource | undefined {
    if (values.stack !== undefined && values.config !== undefined)
        throw new UsageError("give exactly one of --stack and --config", usage);
    if (values.stack === undefined && values.config === undefined) {
        if (optional) return undefined;
        throw new UsageError("give exactly one of --stack and --config", usage);
    }
    if (values.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.stack)) {
        const shown = JSON.stringify(values.stack.slice(0, 80));
        throw new UsageError(`--stack: got ${shown}; expected a stack name (letters, digits, _ . -)`, usage);
    }
    if (values.config !== undefined && values.config.trim() === "")
        throw new UsageError(`--config: got ${JSON.stringify(values.config)}; expected a stack file`, usage);
    const file = values.config ?? path.join(ROOT, `Pulumi.${values.stack}.yaml`);
    const stack =
        values.stack ??
        path
            .basename(file)
            .replace(/^Pulumi\./, "")
            .replace(/\.ya?ml$/, "");
    return { stack, file };
}

/** Throws UsageError when there is no such stack file. */
export function requireStackFile(source: StackSource, usage: string): void {
    if (!fs.existsSync(source.file)) throw new UsageError(`no such stack file: ${source.file}`, usage);
}

/** Throws UsageError for an `--out` that is empty or looks like an option (`--out --open`). */
export function checkOutArgument(out: string | undefined, usage: string, expected = "a folder path"): void {
    if (out === undefined) return;
    if (out.trim() === "" || out.startsWith("-"))
        throw new UsageError(`--out: got ${JSON.stringify(out)}; expected ${expected}`, usage);
}

/** Errors that are the user's input: said plainly, exit 2, never a stack trace. */
export function isUserMistake(error: unknown): error is Error {
    return (
        error instanceof UsageError ||
        error instanceof StackConfigError ||
        error instanceof OutputDirError ||
        error instanceof StackFileError ||
        (error instanceof ProgramError && error.userInput)
    );
}
