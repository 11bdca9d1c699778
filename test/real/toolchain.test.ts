/**
 * @file `eval "$(npm run --silent toolchain)" && pulumi version`, as the README says: the toolchain's CLI (built or
 * cached) comes first on PATH, with PULUMI_HOME and the offline switches, and stdout holds only export lines.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as fs from "node:fs";
import * as os from "node:os";
import { downloadInfo } from "../../scripts/toolchain/go";
import { toolchainPaths } from "../../scripts/toolchain/paths";
import { lookUp } from "../../scripts/toolchain/plugins";
import { realCli } from "./support/realPulumi";
import { PULUMI_VERSION } from "../../scripts/toolchain/versions";

const ROOT = path.join(__dirname, "..", "..");

it("prints export lines that put the CLI first on PATH; pulumi version then prints the SDK's version", () => {
    // npm test runs the toolchain first; run alone on a cold cache, this builds the CLI (minutes).
    const printed = spawnSync("npm", ["run", "--silent", "toolchain"], { cwd: ROOT, encoding: "utf8" });
    expect(printed.status).toBe(0);
    const paths = toolchainPaths();
    const { bin } = realCli(); // PATH's CLI when it fits, else the cached build
    expect(printed.stdout.trim().split("\n")).toEqual([
        `export PATH='${bin}:'"$PATH"`,
        `export PULUMI_HOME='${paths.home}'`,
        "export PULUMI_SKIP_UPDATE_CHECK='true'",
        "export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION='true'",
    ]);
    const shell = spawnSync(
        "bash",
        ["-c", 'eval "$(npm run --silent toolchain 2>/dev/null)" && command -v pulumi && pulumi version'],
        { cwd: ROOT, encoding: "utf8" },
    );
    expect(shell.status).toBe(0);
    expect(shell.stdout.trim().split("\n")).toEqual([path.join(bin, "pulumi"), `v${PULUMI_VERSION}`]);
}, 900_000);

it("names on stderr each provider plugin the Go module proxy does not serve, with the proxy's answer", () => {
    const printed = spawnSync("npm", ["run", "--silent", "toolchain"], { cwd: ROOT, encoding: "utf8" });
    const lines = printed.stderr.split("\n").filter((line) => line.startsWith("toolchain: plugin "));
    expect(lines.map((line) => line.replace(/ \(.*$/, ""))).toEqual([
        "toolchain: plugin datadog 5.11.0: not served by the Go module proxy",
        "toolchain: plugin docker 5.2.0: not served by the Go module proxy",
        "toolchain: plugin kubernetes 4.34.2: not served by the Go module proxy",
        "toolchain: plugin random 4.21.2: not served by the Go module proxy",
    ]);
    for (const line of lines) expect(line).toMatch(/This module version is not available\.\)$/);
});

it("finds a release's commit through the proxy, and tells a served provider module from a refused one", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "doku-lookup-"));
    try {
        // pulumi-random's tag info is served, its provider module at that commit is not.
        expect(
            lookUp({ name: "random", module: "github.com/pulumi/pulumi-random/provider/v4" }, "4.21.2", scratch),
        ).toEqual({
            name: "random",
            version: "4.21.2",
            commit: "48ee6c4732b1774945b4732d25263c194ea319f3",
            pseudoVersion: "v4.0.0-20260917102437-48ee6c4732b1",
            served: false,
            refusal:
                "github.com/pulumi/pulumi-random/provider/v4@v4.0.0-20260917102437-48ee6c4732b1: " +
                "server response: This module version is not available.",
        });
        // The one provider module the proxy serves (pulumi-kubernetes v4.25.0's commit) is seen as served.
        const served = downloadInfo(
            scratch,
            "github.com/pulumi/pulumi-kubernetes/provider/v4",
            "v4.0.0-20260115033456-f47bc2d6f199",
        );
        expect(served.ok).toBe(true);
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}, 120_000);
