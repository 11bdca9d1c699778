/** @file Where the toolchain keeps what it builds: outside the clone, keyed by the CLI's version. */
import * as os from "node:os";
import * as path from "node:path";
import { PULUMI_VERSION } from "./versions";

/** The cache of every toolchain version: `$XDG_CACHE_HOME/pulumi-doku` (default `~/.cache/pulumi-doku`). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
    return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-doku");
}

/** The folders of one toolchain version. */
export interface ToolchainPaths {
    /** The root the Automation API's `PulumiCommand.get({ root })` takes: the CLI is `<root>/bin/pulumi`. */
    readonly root: string;
    /** `pulumi` and `pulumi-resource-pulumi-nodejs`. */
    readonly bin: string;
    /** The CLI's wrapper Go module. */
    readonly cliModule: string;
    /** The PULUMI_HOME of the tests and of `eval "$(npm run --silent toolchain)"` (plugins, credentials). */
    readonly home: string;
    /** What the plugin look-ups found, so a warm run asks no registry. */
    readonly pluginReport: string;
}

/** The folders of the toolchain for PULUMI_VERSION. */
export function toolchainPaths(env: NodeJS.ProcessEnv = process.env): ToolchainPaths {
    const root = path.join(cacheRoot(env), `pulumi-v${PULUMI_VERSION}`);
    return {
        root,
        bin: path.join(root, "bin"),
        cliModule: path.join(root, "src", "cli"),
        home: path.join(root, "home"),
        pluginReport: path.join(root, "plugins.json"),
    };
}
