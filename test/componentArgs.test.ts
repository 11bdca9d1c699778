/**
 * @file The components refuse bad arguments the way loadConfig() refuses bad keys (issue 16): secrets checked
 * without being shown, unknown fields named with a did-you-mean, wrong shapes and Outputs where a plain value
 * is needed reported instead of crashing, URL credentials masked, DatadogConnection's required fields. Every
 * problem at once, naming `args.<path>`, before any child is registered.
 */
import { thrownBy } from "./support/config";
import * as pulumi from "@pulumi/pulumi";
import { DatadogConnection } from "../components/datadogConnection";
import { DokuIngester } from "../components/dokuIngester";
import { DokuObservability } from "../components/dokuObservability";
import { LlmMetricMetadata } from "../components/llmMetricMetadata";
import { LlmMonitoringDashboard } from "../components/llmMonitoringDashboard";
import { LlmMonitors } from "../components/llmMonitors";
import { InvalidArgumentsError } from "../config/userError";
import { PORT_FORWARD, mockCluster } from "./support/ingester";
import { settle } from "./support/pulumi";

const DATADOG_KEYS = { datadogApiKey: "dd-api-key", datadogAppKey: "dd-app-key" };
/** A Doku API key as the ingester issues them (dk and 40 hex digits). */
const DOKU_KEY = `dk${"0a".repeat(20)}`;

/**
 * The problems a component reports when `create` constructs it; fails unless it throws an InvalidArgumentsError
 * (no TypeError) and registers nothing but itself.
 */
async function problemsOf(type: string, create: () => unknown): Promise<string[]> {
    const mocks = mockCluster();
    const caught = thrownBy(() => create());
    await settle(mocks);
    expect(caught).toBeInstanceOf(InvalidArgumentsError);
    expect(mocks.resources.map((resource) => resource.type).filter((registered) => registered !== type)).toEqual([]);
    return (caught as Error).message
        .split("\n")
        .slice(1)
        .map((line) => line.replace(/^ {2}- /, ""));
}

const observability = (args: unknown) =>
    problemsOf("doku:index:DokuObservability", () => new DokuObservability("doku", args as any));
const ingester = (args: unknown) =>
    problemsOf("doku:ingester:DokuIngester", () => new DokuIngester("doku", args as any));
const connection = (args: unknown) =>
    problemsOf("doku:ingester:DatadogConnection", () => new DatadogConnection("c", args as any));

describe("secret values are checked, never shown (finding 1)", () => {
    it("refuses empty keys and a short ClickHouse password with the key schemas' wording", async () => {
        const problems = await observability({
            datadogApiKey: "",
            datadogAppKey: "",
            apiKey: {},
            clickhouse: { password: "short" },
        });
        expect(problems).toEqual([
            "args.clickhouse.password: the secret value is not valid; expected at least 8 characters",
            "args.datadogApiKey: the secret value is not valid; expected a non-empty key",
            "args.datadogAppKey: the secret value is not valid; expected a non-empty key",
            "args.apiKey: the secret value is not valid; expected a string",
        ]);
        expect(problems.join("\n")).not.toContain("short");
    });

    it("counts null as a bad value, not as present; a number is no key", async () => {
        expect(await observability({ datadogApiKey: null, datadogAppKey: 12345 })).toEqual([
            "args.datadogApiKey: the secret value is not valid; expected a string",
            "args.datadogAppKey: the secret value is not valid; expected a string",
        ]);
        expect(await ingester({ clickhouse: { password: "" } })).toEqual([
            "args.clickhouse.password: the secret value is not valid; expected at least 8 characters",
        ]);
    });

    it("takes an Output as a secret, to be checked when it is known", async () => {
        const mocks = mockCluster();
        new DokuObservability("doku", {
            datadogApiKey: pulumi.secret("dd-api-key"),
            datadogAppKey: pulumi.secret("dd-app-key"),
            clickhouse: { password: pulumi.secret("") },
        });
        await settle(mocks);
        expect(mocks.resources.length).toBeGreaterThan(1);
    });
});

describe("unknown or misspelt fields are refused with a did-you-mean (finding 2)", () => {
    it("at the top level and in every group of DokuObservability, one problem per field", async () => {
        expect(
            await observability({
                ...DATADOG_KEYS,
                targte: "external",
                datadogApikey: "x",
                clickhouse: { passwrd: "x" },
                monitors: { latencyCritical: 3 },
                docker: { hostPort: 1 },
                kubernetes: { ingress: { hots: "doku.example.com" } },
                dashboard: { titel: "t", tpoModels: 3, zzzzzzzz: 1 },
            }),
        ).toEqual([
            "args.targte: unknown argument; did you mean args.target?",
            "args.datadogApikey: unknown argument; did you mean args.datadogApiKey?",
            "args.clickhouse.passwrd: unknown argument; did you mean args.clickhouse.password?",
            "args.monitors.latencyCritical: unknown argument; did you mean args.monitors.latencyCriticalSeconds?",
            "args.docker.hostPort: unknown argument; did you mean args.docker.uiHostPort?",
            "args.kubernetes.ingress.hots: unknown argument; did you mean args.kubernetes.ingress.host?",
            "args.dashboard.titel: unknown option; did you mean args.dashboard.title?",
            "args.dashboard.tpoModels: unknown option; did you mean args.dashboard.topModels?",
            "args.dashboard.zzzzzzzz: unknown option",
        ]);
    });

    it("on DokuIngester, DatadogConnection, LlmMonitors and LlmMetricMetadata", async () => {
        expect(await ingester({ targte: "external" })).toEqual([
            "args.targte: unknown argument; did you mean args.target?",
        ]);
        expect(
            await connection({ ingesterUrl: PORT_FORWARD, dokuApiKey: DOKU_KEY, datadogApiKey: "d", datadogSit: "x" }),
        ).toEqual(["args.datadogSit: unknown argument; did you mean args.datadogSite?"]);
        expect(
            await problemsOf(
                "doku:monitors:LlmMonitors",
                () => new LlmMonitors("m", { environment: "prod", hourlyBudgett: 1 } as any),
            ),
        ).toEqual(["args.hourlyBudgett: unknown argument; did you mean args.hourlyBudget?"]);
        expect(
            await problemsOf(
                "doku:monitors:LlmMetricMetadata",
                () => new LlmMetricMetadata("m", { metricPrefx: "x" } as any),
            ),
        ).toEqual(["args.metricPrefx: unknown argument; did you mean args.metricPrefix?"]);
    });
});

describe("wrong shapes are reported, not a TypeError (finding 3)", () => {
    it("a metric prefix is judged by the dashboard's rule", async () => {
        expect(
            await problemsOf(
                "doku:monitors:LlmMetricMetadata",
                () => new LlmMetricMetadata("m", { metricPrefix: "Bad Prefix" }),
            ),
        ).toEqual(['args.metricPrefix: got "Bad Prefix"; expected a metric prefix such as doku.llm']);
    });

    it("args missing or no object, for every component", async () => {
        expect(await observability(null)).toEqual(["args: missing; expected an object with at least datadogApiKey"]);
        expect(await observability(undefined)).toEqual([
            "args: missing; expected an object with at least datadogApiKey",
        ]);
        expect(await ingester(null)).toEqual(["args: missing; expected an object (every field is optional)"]);
        expect(await ingester("docker")).toEqual(['args: got "docker"; expected an object (every field is optional)']);
        expect(await connection(null)).toEqual([
            "args: missing; expected an object with ingesterUrl, dokuApiKey and datadogApiKey",
        ]);
        expect(await problemsOf("doku:monitors:LlmMonitors", () => new LlmMonitors("m", null as any))).toEqual([
            "args: missing; expected an object with at least environment",
        ]);
        expect(
            await problemsOf(
                "doku:dashboards:LlmMonitoringDashboard",
                () => new LlmMonitoringDashboard("d", [1] as any),
            ),
        ).toEqual(["args: got [1]; expected an object (every field is optional)"]);
        expect(
            await problemsOf("doku:monitors:LlmMetricMetadata", () => new LlmMetricMetadata("m", null as any)),
        ).toEqual(["args: missing; expected an object (every field is optional)"]);
    });

    it("each group must be an object", async () => {
        expect(
            await observability({ ...DATADOG_KEYS, clickhouse: ["a"], monitors: [1], dashboard: [1], docker: null }),
        ).toEqual([
            'args.clickhouse: got ["a"]; expected an object',
            "args.monitors: got [1]; expected an object",
            "args.dashboard: got [1]; expected an object",
            "args.docker: got null; expected an object",
        ]);
    });

    it("the kubernetes passthrough fields get the shapes their types say, before any child", async () => {
        expect(
            await ingester({
                target: "kubernetes",
                kubernetes: {
                    managementUrl: PORT_FORWARD,
                    imagePullSecrets: "s",
                    resources: "lots",
                    tolerations: {},
                    nodeSelector: [1],
                    affinity: 1,
                },
            }),
        ).toEqual([
            'args.kubernetes.imagePullSecrets: got "s"; expected a list of strings',
            'args.kubernetes.resources: got "lots"; expected an object',
            "args.kubernetes.tolerations: got {}; expected an array",
            "args.kubernetes.nodeSelector: got [1]; expected a map of strings to strings",
            "args.kubernetes.affinity: got 1; expected an object",
        ]);
    });
});

describe("an Output where a plain value is required (finding 4)", () => {
    it("is named as an Output, with what is expected", async () => {
        const problems = await observability({
            ...DATADOG_KEYS,
            datadogSite: pulumi.output("datadoghq.eu"),
            environment: pulumi.output("prod"),
            monitors: { hourlyBudget: pulumi.output(5) },
            dashboard: { title: pulumi.output("t") },
        });
        expect(problems).toEqual([
            "args.environment: got an Output; expected a plain value, " +
                "a tag value such as prod (letters, digits, _ . -)",
            "args.datadogSite: got an Output; expected a plain value, one of datadoghq.com, us3.datadoghq.com, " +
                "us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com",
            "args.dashboard.title: got an Output; expected a plain value",
            "args.monitors.hourlyBudget: got an Output; expected a plain value",
        ]);
        expect(problems.join("\n")).not.toContain("toJSON");
    });
});

describe("the dashboard options (finding 5)", () => {
    it("mask a credential URL", async () => {
        const problems = await problemsOf(
            "doku:dashboards:LlmMonitoringDashboard",
            () => new LlmMonitoringDashboard("d", { logoUrl: "https://u:SECRET@h.example.com/logo.png" }),
        );
        expect(problems).toEqual([
            'args.logoUrl: got "https://***@h.example.com/logo.png"; expected a URL without a user name or ' +
                "password (credentials never go in a URL here)",
        ]);
    });

    it("mask it under DokuObservability too", async () => {
        const problems = await observability({
            ...DATADOG_KEYS,
            dashboard: { logoUrl: "https://u:SECRET@h.example.com/logo.png" },
        });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^args\.dashboard\.logoUrl: got "https:\/\/\*\*\*@h\.example\.com/);
        expect(problems[0]).not.toContain("SECRET");
    });
});

describe("DatadogConnection checks every argument (finding 6)", () => {
    it("needs the ingester URL and both keys", async () => {
        expect(await connection({})).toEqual([
            "args.ingesterUrl: missing; expected the ingester's base URL, e.g. http://localhost:9044",
            "args.dokuApiKey: missing; required (the Doku API key the ingester authenticates with)",
            "args.datadogApiKey: missing; required (the Datadog API key the ingester sends with)",
        ]);
    });

    it("judges a plain URL and the timeout by the provider's rules", async () => {
        const keys = { dokuApiKey: DOKU_KEY, datadogApiKey: "d" };
        expect(await connection({ ...keys, ingesterUrl: "ftp://x", readinessTimeoutSeconds: "30" })).toEqual([
            'args.ingesterUrl: got "ftp://x"; expected an http:// or https:// URL',
            'args.readinessTimeoutSeconds: got "30"; expected an integer from 1 to 3600',
        ]);
        const problems = await connection({ ...keys, ingesterUrl: "https://u:SECRET@doku.example.com" });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^args\.ingesterUrl: got "https:\/\/\*\*\*@doku\.example\.com", a URL with/);
        expect(problems[0]).not.toContain("SECRET");
    });

    it("takes Outputs, judged later", async () => {
        const mocks = mockCluster();
        new DatadogConnection("c", {
            ingesterUrl: pulumi.output(PORT_FORWARD),
            dokuApiKey: pulumi.secret("k"),
            datadogApiKey: pulumi.secret("d"),
            readinessTimeoutSeconds: pulumi.output(30),
        });
        await settle(mocks);
        expect(mocks.resources.map((resource) => resource.type)).toContain("pulumi-nodejs:dynamic/doku:DokuConnection");
    });
});
