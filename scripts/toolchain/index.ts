/**
 * @file `npm run toolchain`: makes the real Pulumi CLI available and prints `export` lines for a shell to eval:
 *
 *   eval "$(npm run --silent toolchain)" && pulumi version
 *
 * The CLI is PATH's `pulumi` when its version is the SDK's, else built from the Go module proxy (cached under
 * `~/.cache/pulumi-doku/pulumi-v<version>/`). The provider plugins the SDKs request are looked up on the proxy;
 * the ones it does not serve are named on stderr. Progress goes to stderr, only `export` lines to stdout.
 *
 * Exit status: 0 the CLI is ready; 1 a build failed (the module and step are named); 2 bad arguments.
 */
import * as path from "node:path";
import { ensureCli } from "./cli";
import { BuildError } from "./go";
import { toolchainPaths } from "./paths";
import { lookUpPlugins } from "./plugins";
import { PULUMI_VERSION } from "./versions";

const USAGE = 'usage: npm run --silent toolchain   (prints export lines: eval "$(npm run --silent toolchain)")';
const ROOT = path.join(__dirname, "..", "..");

/** The environment the real suite and a shell use: the CLI first on PATH, a PULUMI_HOME and the offline switches. */
function toolchainEnv(bin: string, home: string): Record<string, string> {
    return {
        PATH: `${bin}${path.delimiter}$PATH`,
        PULUMI_HOME: home,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
}

/** A shell-quoted `export` line (PATH keeps `$PATH` unquoted for the shell to expand). */
function exportLine(name: string, value: string): string {
    const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
    if (name === "PATH") return `export PATH=${quoted(value.replace(/\$PATH$/, ""))}"$PATH"`;
    return `export ${name}=${quoted(value)}`;
}

function main(): number {
    const args = process.argv.slice(2);
    if (args.includes("--help") || args.includes("-h")) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (args.length > 0) {
        process.stderr.write(`toolchain: unknown argument ${JSON.stringify(args[0])}\n${USAGE}\n`);
        return 2;
    }
    const log = (line: string) => process.stderr.write(`toolchain: ${line}\n`);
    const paths = toolchainPaths();
    const started = Date.now();
    try {
        const cli = ensureCli(paths, path.join(ROOT, "node_modules", "@pulumi", "pulumi"), log);
        log(`pulumi v${PULUMI_VERSION} (${cli.source}: ${cli.bin}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        for (const plugin of lookUpPlugins(path.join(ROOT, "node_modules"), paths.pluginReport)) {
            if (!plugin.served)
                log(`plugin ${plugin.name} ${plugin.version}: not served by the Go module proxy (${plugin.refusal})`);
        }
        for (const [name, value] of Object.entries(toolchainEnv(cli.bin, paths.home)))
            process.stdout.write(`${exportLine(name, value)}\n`);
        return 0;
    } catch (error) {
        if (error instanceof BuildError) {
            log(error.message);
            return 1;
        }
        throw error;
    }
}

if (require.main === module) process.exitCode = main();
