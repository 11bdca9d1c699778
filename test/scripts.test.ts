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

const EXPORT_USAGE =
    "usage: npm run export-dashboard -- [--stack <name> | --config <file>] [--site <site>] [--out <folder>]";
/** The line export-dashboard ends with: where to import the JSON. */
const importLine = (host: string) =>
    `import by hand at https://${host}/dashboard/lists (New Dashboard, Import dashboard JSON)`;

describe("every script answers --help with its usage, exit 0", () => {
    it.each([
        ["synth.ts", "usage: npm run synth -- (--stack <name> | --config <file>) [--out <dir>] [--open]"],
        ["export-dashboard.ts", EXPORT_USAGE],
        ["config-reference.ts", "usage: npm run config-reference -- [--pulumi-yaml]"],
        ["bench/index.ts", "usage: npm run bench -- [start | options | scale | api]"],
    ])("%s", (script, usage) => {
        for (const flag of ["--help", "-h"]) {
            const result = run(script, [flag]);
            expect(result.stderr).toBe("");
            expect(result.status).toBe(0);
            expect(result.stdout.split("\n")[0]).toBe(usage);
        }
    });
});

describe("an empty --out is refused (exit 2), never the current folder", () => {
    it.each([
        ["synth.ts", ["--stack", "dev", "--out", ""], '--out: got ""; expected a folder path'],
        ["synth.ts", ["--stack", "dev", "--out= "], '--out: got " "; expected a folder path'],
        ["export-dashboard.ts", ["--out", ""], '--out: got ""; expected a folder to write <dashboard name>.json into'],
    ])("%s %j", (script, args, message) => {
        const result = run(script, args as string[], dir);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain(message);
        expect(result.stderr).not.toMatch(STACK_TRACE);
        expect(fs.readdirSync(dir)).toEqual([]);
    });
});

describe("bench", () => {
    it.each([["sprint"], ["start", "api"], ["--runs", "3"]])("rejects %j with the usage line, exit 2", (...args) => {
        const result = run("bench/index.ts", args);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain("usage: npm run bench -- [start | options | scale | api]");
        expect(result.stderr).not.toMatch(STACK_TRACE);
    });
});

describe("export-dashboard", () => {
    const DEFAULT_FILE = "doku-llm-monitoring.json";

    it("--out with no value says so, with the usage line, exit 2", () => {
        const result = run("export-dashboard.ts", ["--out"]);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain("export-dashboard: Option '-o, --out <value>' argument missing");
        expect(result.stderr).toContain(EXPORT_USAGE);
    });

    it.each([["--output", "x.json"], ["x.json"], ["--out", "--help"], ["--site", "datadoghq.co.uk"]])(
        "rejects %j with exit 2",
        (...args) => {
            const result = run("export-dashboard.ts", args);
            expect(result.status).toBe(2);
            expect(result.stderr).toContain(EXPORT_USAGE);
            expect(result.stderr).not.toMatch(STACK_TRACE);
        },
    );

    it("prints the default dashboard's JSON, and on stderr where to import it", () => {
        const result = run("export-dashboard.ts", ["--site", "datadoghq.eu"]);
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual(exportDashboard(llmMonitoringDashboard()));
        expect(result.stderr.trim()).toBe(importLine("app.datadoghq.eu"));
    });

    it("--out creates a folder and says so, then replaces only its own files there", () => {
        const first = run("export-dashboard.ts", ["--out", "missing/dir"], dir);
        expect(first.stderr).toBe("");
        expect(first.status).toBe(0);
        expect(first.stdout.trim().split("\n")).toEqual([
            "created the folder missing/dir",
            `wrote missing/dir/${DEFAULT_FILE}`,
            importLine("app.datadoghq.com"),
        ]);
        const folder = path.join(dir, "missing", "dir");
        expect(JSON.parse(fs.readFileSync(path.join(folder, DEFAULT_FILE), "utf8"))).toEqual(
            exportDashboard(llmMonitoringDashboard()),
        );
        fs.writeFileSync(path.join(folder, "notes.txt"), "mine");
        const again = run("export-dashboard.ts", ["--out", "missing/dir"], dir);
        expect(again.status).toBe(0);
        expect(again.stdout.trim().split("\n")[0]).toBe(`wrote missing/dir/${DEFAULT_FILE}`);
        expect(fs.readdirSync(folder).sort()).toEqual([".doku-synth.json", DEFAULT_FILE, "notes.txt"]);
        expect(fs.readFileSync(path.join(folder, "notes.txt"), "utf8")).toBe("mine");
    });

    it("never overwrites what it did not write: a file, a foreign folder, synth's folder (exit 2)", () => {
        fs.writeFileSync(path.join(dir, "dashboard.json"), "mine");
        fs.mkdirSync(path.join(dir, "synth-out"));
        fs.writeFileSync(
            path.join(dir, "synth-out", ".doku-synth.json"),
            JSON.stringify({ writtenBy: "npm run synth", files: [] }),
        );
        const cases: [string, string][] = [
            ["dashboard.json", "--out dashboard.json: not a folder; choose a new or empty folder"],
            [
                ".",
                "--out .: the folder holds files export-dashboard did not write, so export-dashboard leaves it alone",
            ],
            [
                "synth-out",
                "--out synth-out: the folder was written by `npm run synth`, so export-dashboard leaves it alone",
            ],
            ["new.json", "--out new.json: expected a folder: export-dashboard writes <dashboard name>.json into it"],
        ];
        for (const [out, message] of cases) {
            const result = run("export-dashboard.ts", ["--out", out], dir);
            expect(result.status).toBe(2);
            expect(result.stderr).toContain(`export-dashboard: ${message}`);
            expect(result.stderr).not.toMatch(STACK_TRACE);
        }
        expect(fs.readFileSync(path.join(dir, "dashboard.json"), "utf8")).toBe("mine");
        expect(fs.readdirSync(dir).sort()).toEqual(["dashboard.json", "synth-out"]);
    });

    it("says what is wrong, without a stack trace, when --out cannot be written", () => {
        fs.writeFileSync(path.join(dir, "a-file"), "");
        const result = run("export-dashboard.ts", ["--out", "a-file/dashboards"], dir);
        expect(result.status).toBe(1);
        expect(result.stderr.trim()).toBe(
            "export-dashboard: cannot write into a-file/dashboards: part of the path is a file, not a folder",
        );
    });

    it("--stack exports the dashboard that stack declares, with its site's import link", () => {
        const result = run("export-dashboard.ts", ["--stack", "prod", "--out", "prod"], dir);
        expect(result.status).toBe(0);
        expect(result.stdout.trim().split("\n")).toEqual([
            "created the folder prod",
            "wrote prod/doku-llm-monitoring-dashboard.json",
            importLine("app.datadoghq.eu"),
        ]);
        const dashboard = JSON.parse(
            fs.readFileSync(path.join(dir, "prod", "doku-llm-monitoring-dashboard.json"), "utf8"),
        );
        expect(dashboard.title).toBe("Doku - LLM Monitoring (prod)");
        expect(dashboard.template_variables[1]).toEqual({
            name: "environment",
            prefix: "environment",
            available_values: [],
            default: "prod",
        });
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
