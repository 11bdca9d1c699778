import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exportDashboard } from "../dashboards/export";
import { llmMonitoringDashboard } from "../dashboards/llmMonitoring";
import { pulumiYamlConfigBlock, readmeKeyTable } from "../config/reference";

const ROOT = path.join(__dirname, "..");
const TS_NODE = path.join(ROOT, "node_modules", ".bin", "ts-node");

/** Runs a script as its npm script does (ts-node --transpile-only), from `cwd`. */
function run(script: string, args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(TS_NODE, ["--transpile-only", path.join(ROOT, "scripts", script), ...args], {
        cwd,
        encoding: "utf8",
        timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const STACK_TRACE = /^\s+at /m;
let dir: string;
beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-scripts-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("export-dashboard", () => {
    it("--out with no value says so, with the usage line, exit 2", () => {
        const result = run("export-dashboard.ts", ["--out"]);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain("export-dashboard: Option '-o, --out <value>' argument missing");
        expect(result.stderr).toContain("usage: npm run export-dashboard -- [--out file]");
    });

    it.each([["--output", "x.json"], ["x.json"], ["--out", "--help"]])("rejects %j with exit 2", (...args) => {
        const result = run("export-dashboard.ts", args);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("usage: npm run export-dashboard -- [--out file]");
        expect(result.stderr).not.toMatch(STACK_TRACE);
    });

    it("creates the missing folders of --out", () => {
        const result = run("export-dashboard.ts", ["--out", "missing/dir/file.json"], dir);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout.trim()).toBe("wrote missing/dir/file.json");
        expect(JSON.parse(fs.readFileSync(path.join(dir, "missing", "dir", "file.json"), "utf8"))).toEqual(
            exportDashboard(llmMonitoringDashboard()),
        );
    });

    it("says what is wrong, without a stack trace, when --out cannot be written", () => {
        fs.writeFileSync(path.join(dir, "a-file"), "");
        const result = run("export-dashboard.ts", ["--out", "a-file/dashboard.json"], dir);
        expect(result.status).toBe(1);
        expect(result.stderr.trim()).toBe(
            "export-dashboard: cannot write a-file/dashboard.json: part of the path is a" + " file, not a folder",
        );
        const folder = run("export-dashboard.ts", ["--out", "."], dir);
        expect(folder.status).toBe(1);
        expect(folder.stderr.trim()).toBe(
            "export-dashboard: cannot write .: it is a folder; give a file name such" + " as dashboard.json",
        );
    });
});

describe("config-reference", () => {
    it("prints the README's table, or with --pulumi-yaml the config: block", () => {
        expect(run("config-reference.ts", []).stdout).toBe(`${readmeKeyTable()}\n`);
        expect(run("config-reference.ts", ["--pulumi-yaml"]).stdout).toBe(`${pulumiYamlConfigBlock()}\n`);
    });

    it.each([["--pulumi-yml"], ["--pulumi-yaml=yes"], ["extra"]])(
        "rejects %j with the usage line, exit" + " 2",
        (...args) => {
            const result = run("config-reference.ts", args);
            expect(result.status).toBe(2);
            expect(result.stdout).toBe("");
            expect(result.stderr).toContain("usage: npm run config-reference -- [--pulumi-yaml]");
            expect(result.stderr).not.toMatch(STACK_TRACE);
        },
    );
});
