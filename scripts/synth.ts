/**
 * Offline synth: runs the real program under mocks with a stack's
 * configuration and writes what it would deploy.
 *
 *   npm run synth -- --stack <name> [--out <dir>]
 *   npm run synth -- --config <file> [--out <dir>]
 *   … --open   also prints the path of index.html to open in a browser
 *
 * Exit status: 0 written, 2 invalid configuration (nothing written), 1 other failure.
 */
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, summarize, synth } from "../offline/synth";
import { readStackConfig } from "../offline/stackConfig";

const USAGE = "usage: npm run synth -- (--stack <name> | --config <file>) [--out <dir>] [--open]";

function parseArgs(argv: string[]): { stack?: string; config?: string; out?: string; open?: string } {
    const args: Record<string, string> = {};
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if (flag === "--open") {
            args.open = "yes";
            continue;
        }
        if (!["--stack", "--config", "--out"].includes(flag) || argv[i + 1] === undefined) {
            throw new Error(`unexpected argument ${JSON.stringify(flag)}\n${USAGE}`);
        }
        args[flag.slice(2)] = argv[++i];
    }
    return args;
}

async function main(): Promise<number> {
    let args: ReturnType<typeof parseArgs>;
    try {
        args = parseArgs(process.argv.slice(2));
        if ((args.stack === undefined) === (args.config === undefined)) throw new Error(USAGE);
    } catch (e) {
        console.error((e as Error).message);
        return 1;
    }
    const root = path.join(__dirname, "..");
    const file = args.config ?? path.join(root, `Pulumi.${args.stack}.yaml`);
    if (!fs.existsSync(file)) {
        console.error(`no such stack file: ${file}`);
        return 1;
    }
    const stack = args.stack ?? path.basename(file).replace(/^Pulumi\./, "").replace(/\.ya?ml$/, "");
    const outDir = path.resolve(args.out ?? path.join(root, "synth", stack));
    try {
        const result = await synth({ stack, stackConfig: readStackConfig(file), outDir });
        console.log(`synth of stack ${stack}: ${result.resources.length} resources → ${outDir}`);
        console.log(summarize(result.resources));
        console.log("outputs:");
        for (const [k, v] of Object.entries(result.outputs)) console.log(`  ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
        if (args.open) console.log(`open: ${path.join(outDir, "index.html")}`);
        return 0;
    } catch (e) {
        // Invalid configuration, or invalid component arguments: the user's input, not a crash.
        if (e instanceof ConfigError || pulumi.InputPropertiesError.isInstance(e)) {
            console.error(e.message);
            return 2;
        }
        console.error(e instanceof Error ? e.stack ?? e.message : String(e));
        return 1;
    }
}

main().then((code) => process.exit(code));
