import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, synth } from "./support/synthCli";
import { exportDashboard } from "../dashboards/export";
import { llmMonitoringDashboard } from "../dashboards/llmMonitoring";
import { readStackConfig, secretPlaceholder } from "../offline/stackConfig";
import { jsonDiff } from "./support/jsonDiff";
import { UNKNOWN } from "../offline/engine/properties";

let out: string;
beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "doku-synth-"));
});
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

const sorted = (xs: string[]) => [...xs].sort();
const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(out, rel), "utf8"));

describe("npm run synth", () => {
    it("--stack dev: the Docker stack, its dashboard JSON and a summary", () => {
        const result = synth("--stack", "dev", "--out", out);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain(`synth of stack dev: 23 resources → ${out}`);
        expect(result.stdout).toMatch(/^ {3}3 {2}docker:index\/container:Container$/m);
        expect(result.stdout).toContain("dashboardUrl: https://app.datadoghq.com/dashboard/");
        // A preview creates nothing, so the bootstrapped key is not known yet, as `pulumi preview` shows it.
        expect(result.stdout).toContain("dokuApiKey: [unknown]");

        const resources = read("resources.json");
        expect(resources.map((resource: any) => `${resource.type} ${resource.name} ${resource.parent}`).sort()).toEqual(
            sorted([
                "datadog:index/dashboard:Dashboard doku-llm-monitoring-dashboard doku-llm-monitoring",
                "datadog:index/monitor:Monitor doku-monitors-daily-spend doku-monitors",
                "datadog:index/monitor:Monitor doku-monitors-request-duration doku-monitors",
                "datadog:index/monitor:Monitor doku-monitors-telemetry-silence doku-monitors",
                "datadog:index/monitor:Monitor doku-monitors-tokens-per-request doku-monitors",
                "docker:index/container:Container doku-ingester-clickhouse doku-ingester",
                "docker:index/container:Container doku-ingester-server doku-ingester",
                "docker:index/container:Container doku-ingester-ui doku-ingester",
                "docker:index/network:Network doku-ingester-network doku-ingester",
                "docker:index/remoteImage:RemoteImage doku-ingester-clickhouse-image doku-ingester",
                "docker:index/remoteImage:RemoteImage doku-ingester-server-image doku-ingester",
                "docker:index/remoteImage:RemoteImage doku-ingester-ui-image doku-ingester",
                "docker:index/volume:Volume doku-ingester-clickhouse-data doku-ingester",
                "docker:index/volume:Volume doku-ingester-ui-data doku-ingester",
                "doku:dashboards:LlmMonitoringDashboard doku-llm-monitoring doku",
                "doku:index:DokuObservability doku null",
                "doku:ingester:DatadogConnection doku-datadog doku",
                "doku:ingester:DokuIngester doku-ingester doku",
                "doku:monitors:LlmMonitors doku-monitors doku",
                "pulumi-nodejs:dynamic/doku:DokuApiKey doku-api-key doku",
                "pulumi-nodejs:dynamic/doku:DokuConnection doku-datadog-connection doku-datadog",
                "pulumi:providers:datadog doku-datadog-provider doku",
                "random:index/randomPassword:RandomPassword doku-ingester-clickhouse-password doku-ingester",
            ]),
        );
        expect(resources[0]).toEqual({
            type: "doku:index:DokuObservability",
            name: "doku",
            parent: null,
            inputs: {},
            secretInputs: [],
        });
        const connection = resources.find((resource: any) => resource.name === "doku-datadog-connection");
        // The bootstrapped key does not exist in a preview: the SDK sends it as unknown
        // (and unknowns carry no secret flag).
        expect(connection.secretInputs.sort()).toEqual(["apiKey"]);
        // Shown as `[unknown]`, as outputs.json shows it, never as Pulumi's sentinel (which looks like a key).
        expect(connection.inputs.dokuApiKey).toBe("[unknown]");
        expect(fs.readFileSync(path.join(out, "resources.json"), "utf8")).not.toContain(UNKNOWN);
        expect(connection.inputs.apiKey).toBe("[secret]");
        expect(connection.inputs.__provider).toMatch(/^\[serialized provider: \d+ characters\]$/);
        const server = resources.find((resource: any) => resource.name === "doku-ingester-server");
        // Only the password entry is hidden: the plain settings stay reviewable.
        expect(server.inputs.envs).toEqual([
            expect.stringMatching(/^DOKU_DB_HOST=[a-z0-9-]+$/),
            "DOKU_DB_PORT=9000",
            "DOKU_DB_NAME=default",
            "DOKU_DB_USER=default",
            "DOKU_DB_MAX_IDLE_CONNS=10",
            "DOKU_DB_MAX_OPEN_CONNS=20",
            "DOKU_DB_RETENTION_PERIOD=6 MONTH",
            "DOKU_DB_PASSWORD=[secret]",
        ]);
        expect(server.secretInputs).toEqual(["envs"]);
        expect(JSON.stringify(resources)).not.toContain(secretPlaceholder("doku:datadogApiKey"));

        // The dashboard file is the Datadog API JSON of what was registered: the
        // reference plus the monitor summary (monitors are on by default).
        const dashboard = read("dashboards/doku-llm-monitoring-dashboard.json");
        expect(
            jsonDiff(
                dashboard,
                exportDashboard(
                    llmMonitoringDashboard({
                        title: "Doku - LLM Monitoring (dev)",
                        templateVariableDefaults: { environment: "dev" },
                        monitorSummaryQuery: 'tag:"service:doku" tag:"env:dev"',
                    }),
                ),
            ),
        ).toEqual([]);
        expect(fs.readFileSync(path.join(out, "dashboards", "doku-llm-monitoring-dashboard.svg"), "utf8")).toMatch(
            /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
        );
        const html = fs.readFileSync(path.join(out, "index.html"), "utf8");
        expect(html).toContain('<span id="stack-name">dev</span>');
        expect(html).not.toContain(secretPlaceholder("doku:datadogApiKey"));
        expect(html).not.toMatch(/<(link|script)\b|src="http/);
        expect(result.stdout).not.toContain("open:");
        const monitors = fs.readdirSync(path.join(out, "monitors")).sort();
        expect(monitors).toEqual([
            "doku-monitors-daily-spend.json",
            "doku-monitors-request-duration.json",
            "doku-monitors-telemetry-silence.json",
            "doku-monitors-tokens-per-request.json",
        ]);
        expect(read("monitors/doku-monitors-daily-spend.json").query).toBe(
            "sum(last_1d):sum:doku.llm.usage.cost{environment:dev} by {applicationname} > 5",
        );
    });

    it("--stack prod: Kubernetes with an existing ClickHouse, 3 replicas, ingress, EU site", () => {
        const result = synth("--stack", "prod", "--out", out);
        expect(result.status).toBe(0);
        const types = read("resources.json")
            .map((resource: any) => `${resource.type} ${resource.name}`)
            .sort();
        expect(types).toEqual(
            sorted([
                "datadog:index/dashboard:Dashboard doku-llm-monitoring-dashboard",
                "datadog:index/monitor:Monitor doku-monitors-daily-spend",
                "datadog:index/monitor:Monitor doku-monitors-hourly-spend",
                "datadog:index/monitor:Monitor doku-monitors-request-duration",
                "datadog:index/monitor:Monitor doku-monitors-telemetry-silence",
                "datadog:index/monitor:Monitor doku-monitors-tokens-per-request",
                "doku:dashboards:LlmMonitoringDashboard doku-llm-monitoring",
                "doku:index:DokuObservability doku",
                "doku:ingester:DatadogConnection doku-datadog",
                "doku:ingester:DokuIngester doku-ingester",
                "doku:monitors:LlmMonitors doku-monitors",
                "kubernetes:apps/v1:Deployment doku-ingester-server",
                "kubernetes:core/v1:Namespace doku-ingester-namespace",
                "kubernetes:core/v1:Secret doku-ingester-clickhouse-credentials",
                "kubernetes:core/v1:Service doku-ingester-server",
                "kubernetes:networking.k8s.io/v1:Ingress doku-ingester-server",
                "kubernetes:policy/v1:PodDisruptionBudget doku-ingester-server",
                "pulumi-nodejs:dynamic/doku:DokuApiKey doku-api-key",
                "pulumi-nodejs:dynamic/doku:DokuConnection doku-datadog-connection",
                "pulumi:providers:datadog doku-datadog-provider",
                // The key of the pod templates' credentials digest (ingester/kubernetesScope.ts).
                "random:index/randomPassword:RandomPassword doku-ingester-credentials-digest-key",
            ]),
        );
        expect(result.stdout).toContain("ingesterUrl: https://doku.example.com");
        expect(result.stdout).toContain("dashboardUrl: https://app.datadoghq.eu/dashboard/");
        const dashboard = read("dashboards/doku-llm-monitoring-dashboard.json");
        expect(dashboard.template_variables[1]).toEqual({
            name: "environment",
            prefix: "environment",
            available_values: [],
            default: "prod",
        });
    });

    it("--stack staging: Kubernetes with a managed ClickHouse, 2 replicas, the UI, US5 site", () => {
        const result = synth("--stack", "staging", "--out", out);
        expect(result.status).toBe(0);
        const resources = read("resources.json");
        const kube = resources
            .filter((resource: any) => resource.type.startsWith("kubernetes:"))
            .map((resource: any) => `${resource.type} ${resource.name}`)
            .sort();
        expect(kube).toEqual(
            sorted([
                "kubernetes:apps/v1:Deployment doku-ingester-server",
                "kubernetes:apps/v1:Deployment doku-ingester-ui",
                "kubernetes:apps/v1:StatefulSet doku-ingester-clickhouse",
                "kubernetes:core/v1:Namespace doku-ingester-namespace",
                "kubernetes:core/v1:PersistentVolumeClaim doku-ingester-ui-data",
                "kubernetes:core/v1:Secret doku-ingester-clickhouse-credentials",
                "kubernetes:core/v1:Service doku-ingester-clickhouse",
                "kubernetes:core/v1:Service doku-ingester-clickhouse-headless",
                "kubernetes:core/v1:Service doku-ingester-server",
                "kubernetes:core/v1:Service doku-ingester-ui",
                "kubernetes:networking.k8s.io/v1:Ingress doku-ingester-server",
                "kubernetes:policy/v1:PodDisruptionBudget doku-ingester-server",
            ]),
        );
        const statefulSet = resources.find((resource: any) => resource.type === "kubernetes:apps/v1:StatefulSet");
        expect(statefulSet.inputs.spec.volumeClaimTemplates[0].spec).toEqual({
            accessModes: ["ReadWriteOnce"],
            storageClassName: "standard",
            resources: { requests: { storage: "50Gi" } },
        });
        expect(
            resources.find(
                (resource: any) =>
                    resource.type === "kubernetes:apps/v1:Deployment" && resource.name === "doku-ingester-server",
            ).inputs.spec.replicas,
        ).toBe(2);
        expect(
            resources
                .filter((resource: any) => resource.type === "random:index/randomPassword:RandomPassword")
                .map((resource: any) => resource.name)
                .sort(),
        ).toEqual(["doku-ingester-clickhouse-password", "doku-ingester-credentials-digest-key"]);
        expect(fs.readdirSync(path.join(out, "monitors")).sort()).toEqual([
            "doku-monitors-daily-spend.json",
            "doku-monitors-request-duration.json",
            "doku-monitors-telemetry-silence.json",
            "doku-monitors-tokens-per-request.json",
        ]);
        expect(result.stdout).toContain("dashboardUrl: https://us5.datadoghq.com/dashboard/");
        expect(result.stdout).toContain("ingesterUrl: https://doku-staging.example.com");
    });

    it("--config with three mistakes: three messages on stderr, exit 2, nothing written", () => {
        const target = path.join(out, "never");
        const result = synth("--config", path.join("test", "fixtures", "bad-stack.yaml"), "--out", target);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr.trim().split("\n")).toEqual([
            "Invalid doku configuration (3 problems):",
            "  - doku:replica: unknown key; did you mean doku:replicas?",
            "  - doku:replicas: got 0; expected an integer ≥ 1",
            '  - doku:datadogSite: got "datadoghq.co.uk"; expected one of datadoghq.com, us3.datadoghq.com, ' +
                "us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com",
        ]);
        expect(fs.existsSync(target)).toBe(false);
    });

    it("a secret key stored in clear: kept secret in every file, with a warning", () => {
        const file = path.join(out, "Pulumi.clear.yaml");
        const key = "dk0123456789abcdef0123456789abcdef01234567";
        fs.writeFileSync(
            file,
            "config:\n  doku:target: external\n  doku:ingesterUrl: https://doku.example.com\n" +
                `  doku:apiKey: ${key}\n  doku:datadogApiKey:\n    secure: v1:x\n` +
                "  doku:datadogAppKey:\n    secure: v1:y\n",
        );
        const result = synth("--config", file, "--out", path.join(out, "clear"));
        expect(result.status).toBe(0);
        expect(result.stderr).toContain(
            "warning: doku:apiKey is stored in clear in the stack file; " +
                "store it with `pulumi config set --secret doku:apiKey <value>`",
        );
        const written = fs
            .readdirSync(path.join(out, "clear"), { recursive: true, withFileTypes: true })
            .filter((file) => file.isFile());
        expect(written.length).toBeGreaterThan(5);
        for (const file of written)
            expect(fs.readFileSync(path.join(file.parentPath, file.name), "utf8")).not.toContain(key);
        expect(result.stdout).not.toContain(key);
        expect(fs.readFileSync(path.join(out, "clear", "index.html"), "utf8")).toContain(
            "<tr><th>doku:apiKey</th><td><em>[secret]</em></td></tr>",
        );
    });

    it(
        "a key Pulumi.yaml declares secret, stored in clear, " +
            "is refused with the CLI's wording (exit 2, nothing written)",
        () => {
            const file = path.join(out, "Pulumi.clear.yaml");
            fs.writeFileSync(
                file,
                "config:\n  doku:datadogApiKey: dd-in-clear-0123456789\n  doku:datadogAppKey:\n    secure: v1:y\n",
            );
            const result = synth("--config", file, "--out", path.join(out, "never"));
            expect(result.status).toBe(2);
            expect(result.stderr.trim()).toBe(
                "validating stack config: Stack 'clear' " +
                    "with configuration key 'datadogApiKey' must be encrypted as it's secret",
            );
            expect(result.stderr).not.toContain("dd-in-clear-0123456789");
            expect(fs.existsSync(path.join(out, "never"))).toBe(false);
        },
    );

    it("--out: a folder with files synth did not write is left alone (exit 2); its own folder is replaced", () => {
        const foreign = path.join(out, "work");
        fs.mkdirSync(path.join(foreign, ".git"), { recursive: true });
        fs.writeFileSync(path.join(foreign, "notes.txt"), "mine");
        const refused = synth("--stack", "dev", "--out", foreign);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain(`--out ${foreign}: the folder holds files synth did not write`);
        expect(fs.readdirSync(foreign).sort()).toEqual([".git", "notes.txt"]);

        const own = path.join(out, "own");
        expect(synth("--config", path.join("test", "fixtures", "external-stack.yaml"), "--out", own).status).toBe(0);
        fs.writeFileSync(path.join(own, "monitors", "stale.json"), "{}");
        const again = synth("--config", path.join("test", "fixtures", "external-stack.yaml"), "--out", own);
        expect(again.status).toBe(0);
        expect(fs.existsSync(path.join(own, "monitors", "doku-monitors-request-duration.json"))).toBe(true);
        // A file synth did not write stays, even inside its own folder.
        expect(fs.readFileSync(path.join(own, "monitors", "stale.json"), "utf8")).toBe("{}");
    });

    it("a usage error says how to call it", () => {
        const result = synth("--stack");
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("Option '--stack <value>' argument missing");
        expect(result.stderr).toContain("usage: npm run synth -- (--stack <name> | --config <file>) [--out <dir>]");
        expect(result.stderr).not.toMatch(/^\s+at /m);
    });
});

describe("npm run export-dashboard", () => {
    it("writes the default dashboard's Datadog JSON, the same as the exporter gives", () => {
        const folder = path.join(out, "dashboards");
        const result = spawnSync("npm", ["run", "--silent", "export-dashboard", "--", "--out", folder], {
            cwd: ROOT,
            encoding: "utf8",
        });
        expect(result.status).toBe(0);
        expect(result.stdout.trim().split("\n")[1]).toBe(`wrote ${path.join(folder, "doku-llm-monitoring.json")}`);
        expect(JSON.parse(fs.readFileSync(path.join(folder, "doku-llm-monitoring.json"), "utf8"))).toEqual(
            exportDashboard(llmMonitoringDashboard()),
        );
    });
});

describe("stack files", () => {
    it("secure values become placeholders marked secret; bare keys belong to the project; maps become JSON", () => {
        const stackFile = readStackConfig(path.join(ROOT, "Pulumi.prod.yaml"));
        expect(stackFile.secretKeys.sort()).toEqual([
            "doku:clickhousePassword",
            "doku:datadogApiKey",
            "doku:datadogAppKey",
        ]);
        expect(stackFile.config["doku:clickhousePassword"]).toBe(secretPlaceholder("doku:clickhousePassword"));
        expect(stackFile.config["doku:replicas"]).toBe("3");
        expect(stackFile.config["doku:templateVariableDefaults"]).toBe('{"environment":"prod"}');
    });
});
