/**
 * @file `eval "$(npm run --silent toolchain)" && pulumi version`, as the README says: the toolchain's CLI (built or
 * cached) comes first on PATH, with PULUMI_HOME and the offline switches, and stdout holds only export lines.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { toolchainPaths } from "../../scripts/toolchain/paths";
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
