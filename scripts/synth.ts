/**
 * @file Offline synth: runs the real program the way `pulumi preview` runs it
 * (the CLI's config rules, Pulumi's runner and dynamic-provider host, through
 * the offline engine) with a stack's configuration, and writes what it would deploy.
 *
 *   npm run synth -- --stack <name> [--out <dir>]
 *   npm run synth -- --config <file> [--out <dir>]
 *   … --open   also prints the path of index.html to open in a browser
 *
 * Exit status: 0 written; 2 a mistake in the arguments, the stack file, the
 * configuration or the component arguments (nothing written); 1 anything else.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { StackConfigError } from "../offline/engine";
import { OutputDirError } from "../offline/outputDir";
import { ProgramError, summarize, synth } from "../offline/synth";
import { StackFileError, readStackConfig } from "../offline/stackConfig";

const USAGE = "usage: npm run synth -- (--stack <name> | --config <file>) [--out <dir>] [--open]";

function usageError(problem: string): never {
    throw Object.assign(new Error(`${problem}\n${USAGE}`), { exitCode: 2 });
}

function readArgs(): { stack?: string; config?: string; out?: string; open?: boolean } {
    let values;
    try {
        ({ values } = parseArgs({
            args: process.argv.slice(2),
            options: {
                stack: { type: "string" },
                config: { type: "string" },
                out: { type: "string" },
                open: { type: "boolean" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (error) {
        usageError((error as Error).message);
    }
    if ((values.stack === undefined) === (values.config === undefined))
        usageError("give exactly one of --stack and --config");
    if (values.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.stack)) {
        usageError(
            `--stack: got ${JSON.stringify(values.stack.slice(0, 80))}; expected a stack name (letters, digits, _ . -)`,
        );
    }
    return values;
}

/** Errors that are the user's input: said plainly, exit 2, never a stack trace. */
function isUserMistake(error: unknown): error is Error {
    return (
        error instanceof StackConfigError ||
        error instanceof OutputDirError ||
        error instanceof StackFileError ||
        (error instanceof ProgramError && error.userInput)
    );
}

async function main(): Promise<number> {
    const args = readArgs();
    const root = path.join(__dirname, "..");
    const file = args.config ?? path.join(root, `Pulumi.${args.stack}.yaml`);
    if (!fs.existsSync(file)) usageError(`no such stack file: ${file}`);
    const stack =
        args.stack ??
        path
            .basename(file)
            .replace(/^Pulumi\./, "")
            .replace(/\.ya?ml$/, "");
    const outDir = path.resolve(args.out ?? path.join(root, "synth", stack));
    try {
        const result = await synth({ stack, stackConfig: readStackConfig(file), outDir });
        for (const warning of result.warnings) console.error(`warning: ${warning}`);
        console.log(`synth of stack ${stack}: ${result.resources.length} resources → ${outDir}`);
        console.log(summarize(result.resources));
        console.log("outputs:");
        for (const [name, value] of Object.entries(result.outputs))
            console.log(`  ${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
        if (args.open) console.log(`open: ${path.join(outDir, "index.html")}`);
        return 0;
    } catch (error) {
        if (isUserMistake(error)) {
            console.error(error.message);
            return 2;
        }
        if (error instanceof ProgramError) {
            console.error(`the program failed as \`pulumi preview\` would:\n${error.message}`);
            return 1;
        }
        throw error;
    }
}

main().then(
    (code) => process.exit(code),
    (error) => {
        const shown =
            error.exitCode === 2
                ? error.message
                : error instanceof Error
                  ? (error.stack ?? error.message)
                  : String(error);
        console.error(shown);
        process.exit(error.exitCode ?? 1);
    },
);
