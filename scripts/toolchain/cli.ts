/**
 * @file The Pulumi CLI: one already on PATH at the right version, else built from the Go module proxy in a
 * wrapper module of its own (cached), with `pulumi-resource-pulumi-nodejs` (the SDK's dynamic-provider plugin
 * script) beside it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { go } from "./go";
import { ToolchainPaths } from "./paths";
import {
    CLI_BUILD_TAGS,
    CLI_MODULE,
    CLI_PACKAGE,
    CLI_REPLACES,
    CLI_VERSION_FLAG,
    PULUMI_VERSION,
    SDK_MODULE,
} from "./versions";

/** The CLI in use: its `bin` folder (with the dynamic-provider plugin) and where it came from. */
export interface CliLocation {
    readonly bin: string;
    readonly source: "PATH" | "cache" | "built";
}

/** The version a `pulumi` binary prints, or undefined when it does not run. */
export function versionOf(binary: string): string | undefined {
    const result = spawnSync(binary, ["version"], {
        encoding: "utf8",
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * A `pulumi` on PATH whose version is PULUMI_VERSION, in a `bin` folder (the Automation API's
 * `PulumiCommand.get({ root })` runs `<root>/bin/pulumi`) that also has the dynamic-provider plugin.
 */
function onPath(): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
        const binary = path.join(dir, "pulumi");
        if (!fs.existsSync(binary)) continue;
        if (versionOf(binary) !== `v${PULUMI_VERSION}` || path.basename(dir) !== "bin") return undefined;
        return fs.existsSync(path.join(dir, "pulumi-resource-pulumi-nodejs")) ? dir : undefined;
    }
    return undefined;
}

/** The CLI `ensureCli` would use without building anything: PATH's when it fits, else the cached build. */
export function locateCli(paths: ToolchainPaths): CliLocation | undefined {
    const fromPath = onPath();
    if (fromPath !== undefined) return { bin: fromPath, source: "PATH" };
    return versionOf(path.join(paths.bin, "pulumi")) === `v${PULUMI_VERSION}`
        ? { bin: paths.bin, source: "cache" }
        : undefined;
}

/** The wrapper module: requires pkg/v3 and sdk/v3, repeats pkg's replaces, and lists the CLI as a tool. */
export function wrapperGoMod(): string {
    return [
        "module pulumi-doku.local/cli",
        "",
        "go 1.25.11",
        "",
        "require (",
        `\t${CLI_MODULE} v${PULUMI_VERSION}`,
        `\t${SDK_MODULE} v${PULUMI_VERSION}`,
        ")",
        "",
        ...CLI_REPLACES.map((replace) => `replace ${replace}`),
        "",
        `tool ${CLI_PACKAGE}`,
        "",
    ].join("\n");
}

/** Builds the CLI into `paths.bin` (atomically: a half-built binary is never left as `pulumi`). */
function build(paths: ToolchainPaths, log: (line: string) => void): void {
    fs.mkdirSync(paths.cliModule, { recursive: true });
    fs.mkdirSync(paths.bin, { recursive: true });
    fs.writeFileSync(path.join(paths.cliModule, "go.mod"), wrapperGoMod());
    log(`go mod tidy (${CLI_MODULE} v${PULUMI_VERSION})`);
    go(CLI_MODULE, "go mod tidy", paths.cliModule, ["mod", "tidy"]);
    log(`go build ${CLI_PACKAGE} (a cold build takes several minutes)`);
    const partial = path.join(paths.bin, "pulumi.partial");
    go(CLI_MODULE, "go build", paths.cliModule, [
        "build",
        "-trimpath",
        "-tags",
        CLI_BUILD_TAGS,
        "-ldflags",
        CLI_VERSION_FLAG,
        "-o",
        partial,
        CLI_PACKAGE,
    ]);
    fs.renameSync(partial, path.join(paths.bin, "pulumi"));
}

/** Copies the SDK's dynamic-provider plugin script beside the CLI (the CLI finds plugins beside itself). */
function installDynamicProviderPlugin(paths: ToolchainPaths, sdkDir: string): void {
    const script = path.join(sdkDir, "pulumi-resource-pulumi-nodejs");
    fs.copyFileSync(script, path.join(paths.bin, "pulumi-resource-pulumi-nodejs"));
    fs.chmodSync(path.join(paths.bin, "pulumi-resource-pulumi-nodejs"), 0o755);
}

/** The CLI to use: PATH's when its version fits, else the cached build, else a new build. */
export function ensureCli(paths: ToolchainPaths, sdkDir: string, log: (line: string) => void): CliLocation {
    const located = locateCli(paths);
    if (located?.source === "PATH") return located;
    if (located === undefined) {
        build(paths, log);
        const built = versionOf(path.join(paths.bin, "pulumi"));
        if (built !== `v${PULUMI_VERSION}`) {
            throw new Error(`${CLI_MODULE}: the built CLI prints ${built ?? "nothing"}, not v${PULUMI_VERSION}`);
        }
    }
    installDynamicProviderPlugin(paths, sdkDir);
    return { bin: paths.bin, source: located?.source ?? "built" };
}
