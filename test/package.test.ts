import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * The library as another team gets it: `npm pack`, installed into a fresh
 * project, the example consumer compiled strictly and run under mocks.
 */
const ROOT = path.join(__dirname, "..");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

let work: string;
let consumer: string;

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "doku-pack-"));
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }));
    const tarball = path.join(work, packed[0].filename);
    consumer = path.join(work, "consumer");
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: consumer, encoding: "utf8" });
    for (const f of ["index.ts", "tsconfig.json"]) {
        fs.copyFileSync(path.join(ROOT, "examples", "existing-ingester", f), path.join(consumer, f));
    }
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("the packed library", () => {
    it("ships the built JavaScript and declarations, not the sources or tests", () => {
        const installed = path.join(consumer, "node_modules", "pulumi-doku");
        const files = execFileSync("find", [".", "-type", "f"], { cwd: installed, encoding: "utf8" }).split("\n").filter(Boolean).sort();
        expect(files).toContain("./dist/lib.js");
        expect(files).toContain("./dist/lib.d.ts");
        expect(files).toContain("./dist/components/dokuObservability.d.ts");
        expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
        expect(files.filter((f) => f.startsWith("./test/") || f.startsWith("./scripts/") || f.startsWith("./offline/"))).toEqual([]);
    });

    it("compiles the example consumer with strict settings", () => {
        const out = execFileSync(process.execPath, [TSC, "-p", "tsconfig.json", "--outDir", "out"], { cwd: consumer, encoding: "utf8" });
        expect(out).toBe("");
        expect(fs.existsSync(path.join(consumer, "out", "index.js"))).toBe(true);
    });

    it("runs the consumer under mocks, and its dynamic provider loads back from the installed package", () => {
        const runner = `
            const pulumi = require("@pulumi/pulumi");
            const seen = [];
            let provider;
            pulumi.runtime.setMocks({
                newResource: (a) => {
                    seen.push(a.type + " " + a.name);
                    if (a.inputs.__provider) provider = a.inputs.__provider;
                    return { id: a.name + "-id", state: a.inputs };
                },
                call: (a) => { throw new Error("unexpected call " + a.token); },
            }, "example", "prod");
            pulumi.runtime.setAllConfig({
                "example:ingesterUrl": "https://doku.example.com/",
                "example:dokuApiKey": "dk-example", "example:datadogApiKey": "dd-example", "example:datadogSite": "datadoghq.eu",
            }, ["example:dokuApiKey", "example:datadogApiKey"]);
            const program = require("./out/index.js");
            program.dashboardUrl.apply(async (url) => {
                await new Promise((r) => setTimeout(r, 300));
                const loaded = require("require-from-string")(provider, __dirname + "/provider.js");
                const name = Object.keys(loaded)[0];
                const p = loaded[name]();
                const checked = await p.check({}, { ingesterUrl: "https://doku.example.com", dokuApiKey: "k", platform: "datadog", logsUrl: "x" });
                console.log(JSON.stringify({ url, seen: seen.sort(), failures: checked.failures }));
            });
        `;
        fs.writeFileSync(path.join(consumer, "run.js"), runner);
        const result = JSON.parse(execFileSync(process.execPath, ["run.js"], { cwd: consumer, encoding: "utf8" }).trim().split("\n").pop()!);
        expect(result.url).toBe("https://app.datadoghq.eu/dashboard/llm-monitoring-dashboard-id");
        expect(result.seen).toEqual([
            "datadog:index/dashboard:Dashboard llm-monitoring-dashboard",
            "datadog:index/monitor:Monitor llm-monitors-daily-spend",
            "datadog:index/monitor:Monitor llm-monitors-request-duration",
            "datadog:index/monitor:Monitor llm-monitors-telemetry-silence",
            "datadog:index/monitor:Monitor llm-monitors-tokens-per-request",
            "doku:dashboards:LlmMonitoringDashboard llm-monitoring",
            "doku:ingester:DatadogConnection doku-datadog",
            "doku:ingester:DokuIngester doku",
            "doku:monitors:LlmMonitors llm-monitors",
            "pulumi-nodejs:dynamic/doku:DokuConnection doku-datadog-connection",
        ]);
        // The provider text came from the installed package and still applies the ingester's rules.
        expect(result.failures).toEqual([
            { property: "apiKey", reason: "missing; platform datadog requires apiKey, metricsUrl, logsUrl" },
            { property: "metricsUrl", reason: "missing; platform datadog requires apiKey, metricsUrl, logsUrl" },
            { property: "logsUrl", reason: 'got "x"; expected an http:// or https:// URL' },
        ]);
    });
});
