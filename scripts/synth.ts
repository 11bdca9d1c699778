/**
 * @file Offline synth: runs the real program the way `pulumi preview` runs it
 * (the CLI's config rules, Pulumi's runner and dynamic-provider host, through
 * the offline engine) with a stack's configuration, and writes what it would deploy.
 *
 *   npm run synth -- --stack <name> [--out <dir>]
 *   npm run synth -- --config <file> [--out <dir>]
 *   … --open   also prints the path of index.html to open in a browser
 *   npm run synth -- --help
 *
 * Exit status: 0 written; 2 a mistake in the arguments, the stack file, the
 * configuration or the component arguments (nothing written, and the files a
 * previous synth wrote in the folder removed); 1 anything else.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { clearOutput } from "../offline/outputDir";
import { ProgramError, summarize, synth } from "../offline/synth";
import { readStackConfig } from "../offline/stackConfig";
import { ROOT, UsageError, checkOutArgument, isUserMistake, requireStackFile, stackSource } from "./scriptArgs";

const USAGE = "usage: npm run synth -- (--stack <name> | --config <file>) [--out <dir>] [--open]";

/** What --help prints. */
const HELP = `${USAGE}
  --stack <name>   the stack of Pulumi.<name>.yaml in this repository
  --config <file>  a stack file of another name (the stack is named after the file)
  --out <dir>      where to write (default synth/<stack>): a new or empty folder, or one synth wrote
  --open           also print the path of index.html
  --help, -h       print this help`;

/** The parsed arguments, or undefined after --help. */
function readArgs(): { stack?: string; config?: string; out?: string; open?: boolean; help?: boolean } {
    try {
        return parseArgs({
            args: process.argv.slice(2),
            options: {
                stack: { type: "string" },
                config: { type: "string" },
                out: { type: "string" },
                open: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (error) {
        throw new UsageError((error as Error).message, USAGE);
    }
}

/** Says which files of a previous synth a failed run removed. */
function reportCleared(outDir: string, removed: readonly string[]): void {
    if (removed.length === 0) return;
    console.error(
        `removed the ${removed.length} files the previous synth wrote in ${outDir}, ` +
            "so that they are not taken for this stack's current review",
    );
}

async function main(): Promise<number> {
    const args = readArgs();
    if (args.help) {
        console.log(HELP);
        return 0;
    }
    checkOutArgument(args.out, USAGE);
    const source = stackSource(args, USAGE)!;
    const outDir = path.resolve(args.out ?? path.join(ROOT, "synth", source.stack));
    try {
        requireStackFile(source, USAGE);
        const stackConfig = readStackConfig(source.file);
        const onCleared = (removed: readonly string[]) => reportCleared(outDir, removed);
        const result = await synth({ stack: source.stack, stackConfig, outDir, onCleared });
        for (const warning of result.warnings) console.error(`warning: ${warning}`);
        console.log(`synth of stack ${source.stack}: ${result.resources.length} resources → ${outDir}`);
        console.log(summarize(result.resources));
        console.log("outputs:");
        for (const [name, value] of Object.entries(result.outputs))
            console.log(`  ${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
        if (args.open) console.log(`open: ${path.join(outDir, "index.html")}`);
        return 0;
    } catch (error) {
        // No stack file, or one that cannot be read: synth never ran, and the last review is not current either.
        if (!(error instanceof ProgramError)) reportCleared(outDir, clearOutput(outDir));
        if (error instanceof ProgramError && !error.userInput) {
            console.error(`the program failed as \`pulumi preview\` would:\n${error.message}`);
            return 1;
        }
        throw error;
    }
}

main().then(
    (code) => process.exit(code),
    (error) => {
        if (isUserMistake(error)) {
            console.error(error.message);
            process.exit(2);
        }
        console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        process.exit(1);
    },
);
