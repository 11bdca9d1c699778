/**
 * @file The toolchain's inputs (scripts/toolchain/): the CLI's version is the SDK's, the wrapper module repeats
 * what pkg/go.mod needs, pseudo-versions are formed as the Go command forms them, and `--help` and bad arguments
 * are answered. The build itself, and `eval "$(npm run --silent toolchain)"`, are in test/real/toolchain.test.ts.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { wrapperGoMod } from "../scripts/toolchain/cli";
import { pseudoVersion } from "../scripts/toolchain/plugins";
import { PULUMI_VERSION } from "../scripts/toolchain/versions";

const ROOT = path.join(__dirname, "..");

it("targets the CLI version of the @pulumi/pulumi SDK the repository pins", () => {
    const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
    const sdk = read(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json")) as { version: string };
    const pinned = read(path.join(ROOT, "package.json")).devDependencies["@pulumi/pulumi"] as string;
    expect(PULUMI_VERSION).toBe(sdk.version);
    expect(PULUMI_VERSION).toBe(pinned);
});

it("writes a wrapper module: pkg and sdk required, the clipboard replace repeated, the CLI kept as a tool", () => {
    expect(wrapperGoMod().split("\n")).toEqual([
        "module pulumi-doku.local/cli",
        "",
        "go 1.25.11",
        "",
        "require (",
        `\tgithub.com/pulumi/pulumi/pkg/v3 v${PULUMI_VERSION}`,
        `\tgithub.com/pulumi/pulumi/sdk/v3 v${PULUMI_VERSION}`,
        ")",
        "",
        "replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e",
        "",
        "tool github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
        "",
    ]);
});

it("forms a provider module's pseudo-version from the commit's UTC time, as the proxy serves it", () => {
    // pulumi-kubernetes v4.25.0 is commit f47bc2d6f199…, committed 2026-01-14T19:34:56-08:00; the proxy serves
    // github.com/pulumi/pulumi-kubernetes/provider/v4 at v4.0.0-20260115033456-f47bc2d6f199.
    expect(
        pseudoVersion(
            "github.com/pulumi/pulumi-kubernetes/provider/v4",
            "2026-01-14T19:34:56-08:00",
            "f47bc2d6f1996444d11c12b4ef083b82585f7c07",
        ),
    ).toBe("v4.0.0-20260115033456-f47bc2d6f199");
});

describe("npm run toolchain's arguments", () => {
    const run = (...args: string[]) =>
        spawnSync("npx", ["ts-node", "--transpile-only", "scripts/toolchain/index.ts", ...args], {
            cwd: ROOT,
            encoding: "utf8",
        });
    it("answers --help with its usage, on stdout, exit 0", () => {
        const help = run("--help");
        expect(help.status).toBe(0);
        expect(help.stdout).toMatch(/^usage: npm run --silent toolchain/);
    });
    it("refuses an unknown argument with exit 2, naming it", () => {
        const bad = run("--fast");
        expect(bad.status).toBe(2);
        expect(bad.stderr).toContain('toolchain: unknown argument "--fast"');
        expect(bad.stdout).toBe("");
    });
});
