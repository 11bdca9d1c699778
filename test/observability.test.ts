import * as pulumi from "@pulumi/pulumi";
import { DokuObservability } from "../components/dokuObservability";
import { DokuConfig, loadConfig } from "../config/load";
import { RecordingMocks } from "../offline/recording";
import { ClusterMocks, LoadBalancerIngress, mockCluster, stackConfig } from "./support/ingester";
import { SECRET_VALUES, resolve, settle } from "./support/pulumi";

const CONNECTION = "pulumi-nodejs:dynamic/doku:DokuConnection";
const API_KEY = "pulumi-nodejs:dynamic/doku:DokuApiKey";
const DASHBOARD = "datadog:index/dashboard:Dashboard";
const METADATA = "datadog:index/metricMetadata:MetricMetadata";
/** The key RecordingMocks returns as a DokuApiKey's `key` output. */
const MOCK_KEY = `dk${"0".repeat(40)}`;

async function run(
    config: Record<string, string>,
    options: {
        loadBalancer?: LoadBalancerIngress;
        stack?: string;
        change?: (args: DokuConfig) => DokuConfig;
    } = {},
): Promise<{ mocks: RecordingMocks; doku: DokuObservability }> {
    const mocks = mockCluster(options.loadBalancer, config, options.stack);
    const loaded = loadConfig();
    const doku = new DokuObservability("doku", options.change ? options.change(loaded) : loaded);
    await resolve(doku.dashboardUrl);
    await resolve(doku.dokuApiKey);
    await resolve(doku.managementUrl);
    await settle(mocks);
    return { mocks, doku };
}

describe("DokuObservability wiring", () => {
    it("bootstraps a Doku key after the ingester, then registers the connection after both", async () => {
        const { mocks, doku } = await run(stackConfig({ "doku:datadogSite": "datadoghq.eu" }));
        const key = mocks.get(API_KEY, "doku-api-key");
        expect(key.parent).toBe("doku");
        expect(key.inputs).toMatchObject({ ingesterUrl: "http://localhost:9044", name: "pulumi" });
        expect(key.inputs.existingKey).toBeUndefined();
        expect(key.additionalSecretOutputs).toEqual(expect.arrayContaining(["key"]));
        expect(key.dependsOn).toEqual(expect.arrayContaining(["doku-ingester-server", "doku-ingester-clickhouse"]));

        const conn = mocks.get(CONNECTION, "doku-datadog-connection");
        expect(conn.parent).toBe("doku-datadog");
        expect(conn.inputs).toMatchObject({
            ingesterUrl: "http://localhost:9044",
            platform: "datadog",
            metricsUrl: "https://api.datadoghq.eu/api/v2/series",
            logsUrl: "https://http-intake.logs.datadoghq.eu/api/v2/logs",
            apiKey: SECRET_VALUES["doku:datadogApiKey"],
            dokuApiKey: MOCK_KEY,
        });
        expect(conn.secretInputs.sort()).toEqual(["apiKey", "dokuApiKey"]);
        expect(conn.dependsOn).toEqual(expect.arrayContaining(["doku-ingester-server", "doku-api-key"]));

        expect(await resolve(doku.ingesterUrl)).toBe("http://localhost:9044");
        expect(await resolve(doku.managementUrl)).toBe("http://localhost:9044");
        expect(await resolve(doku.datadogSite)).toBe("datadoghq.eu");
        const id = await resolve(doku.dashboardId);
        expect(await resolve(doku.dashboardUrl)).toBe(`https://app.datadoghq.eu/dashboard/${id}`);
        expect(await pulumi.isSecret(doku.dokuApiKey)).toBe(true);
    });

    it("a remote Docker daemon: the key and the connection go to its host, not localhost", async () => {
        const { mocks, doku } = await run(
            stackConfig({
                "docker:host": "ssh://ops@build-box.internal",
                "doku:ingesterHostPort": "19044",
                // Reached from here: published beyond loopback, and over plain HTTP (allowed).
                "doku:dockerPublishAddress": "0.0.0.0",
                "doku:allowPlainHttp": "true",
            }),
        );
        expect(await resolve(doku.ingesterUrl)).toBe("http://build-box.internal:19044");
        expect(mocks.get(API_KEY, "doku-api-key").inputs.ingesterUrl).toBe("http://build-box.internal:19044");
        expect(mocks.get(CONNECTION, "doku-datadog-connection").inputs.ingesterUrl).toBe(
            "http://build-box.internal:19044",
        );
    });

    it("a configured Doku key is adopted by the same DokuApiKey resource (existingKey, secret)", async () => {
        const { mocks, doku } = await run(stackConfig({ "doku:apiKey": SECRET_VALUES["doku:apiKey"] }));
        const key = mocks.get(API_KEY, "doku-api-key");
        expect(key.inputs).toMatchObject({
            ingesterUrl: "http://localhost:9044",
            name: "pulumi",
            existingKey: SECRET_VALUES["doku:apiKey"],
        });
        expect(key.secretInputs).toContain("existingKey");
        // The output is the resource's key (the mock's; the real provider returns the adopted key).
        expect(await resolve(doku.dokuApiKey)).toBe(MOCK_KEY);
        expect(await pulumi.isSecret(doku.dokuApiKey)).toBe(true);
        const conn = mocks.get(CONNECTION, "doku-datadog-connection");
        expect(conn.dependsOn).toEqual(expect.arrayContaining(["doku-ingester-server", "doku-api-key"]));
    });

    it("an external ingester: no containers, the key and the connection go to the given URL", async () => {
        const { mocks, doku } = await run(
            stackConfig({
                "doku:target": "external",
                "doku:ingesterUrl": "https://doku.example.com",
                "doku:apiKey": SECRET_VALUES["doku:apiKey"],
            }),
        );
        const containers = mocks.resources.filter((resource) => /^(docker|kubernetes):/.test(resource.type));
        expect(containers).toHaveLength(0);
        expect(mocks.get(CONNECTION, "doku-datadog-connection").inputs.ingesterUrl).toBe("https://doku.example.com");
        expect(mocks.get(API_KEY, "doku-api-key").inputs.ingesterUrl).toBe("https://doku.example.com");
        expect(await resolve(doku.managementUrl)).toBe("https://doku.example.com");
    });
});

describe("DokuObservability on Kubernetes: Pulumi uses the management URL, the SDKs the ingester URL", () => {
    const kubernetes = { "doku:target": "kubernetes", "doku:namespace": "llm" };

    it("ClusterIP with a port-forward: key and connection go through it; ingesterUrl stays in-cluster", async () => {
        const config = stackConfig({ ...kubernetes, "doku:managementUrl": "http://localhost:19044" });
        const { mocks, doku } = await run(config);
        expect(await resolve(doku.ingesterUrl)).toBe("http://doku-ingester-server.llm.svc.cluster.local:9044");
        expect(await resolve(doku.managementUrl)).toBe("http://localhost:19044");
        expect(mocks.get(API_KEY, "doku-api-key").inputs.ingesterUrl).toBe("http://localhost:19044");
        const conn = mocks.get(CONNECTION, "doku-datadog-connection");
        expect(conn.inputs.ingesterUrl).toBe("http://localhost:19044");
        expect(mocks.get(API_KEY, "doku-api-key").dependsOn).toContain("doku-ingester-server");
    });

    it("an Ingress: annotations, skipAwait and await timeouts from the stack config reach the resources", async () => {
        const { mocks, doku } = await run(
            stackConfig({
                ...kubernetes,
                "doku:ingressHost": "doku.example.com",
                "doku:ingressTlsSecret": "doku-tls",
                "doku:ingressAnnotations": '{"cert-manager.io/cluster-issuer":"letsencrypt"}',
                "doku:kubernetesSkipAwait": '["Ingress"]',
                "doku:kubernetesAwaitTimeouts": '{"StatefulSet":20}',
            }),
        );
        expect(await resolve(doku.managementUrl)).toBe("https://doku.example.com");
        const ingress = mocks.get("kubernetes:networking.k8s.io/v1:Ingress", "doku-ingester-server");
        expect(ingress.inputs.metadata.annotations).toEqual({
            "cert-manager.io/cluster-issuer": "letsencrypt",
            "pulumi.com/skipAwait": "true",
        });
        expect((mocks as ClusterMocks).customTimeouts).toEqual({
            "kubernetes:apps/v1:StatefulSet doku-ingester-clickhouse": { create: "20m", update: "20m", delete: "" },
        });
        expect(mocks.get(API_KEY, "doku-api-key").dependsOn).toContain("doku-ingester-server");
    });

    it("a LoadBalancer: both go to its published address", async () => {
        const config = stackConfig({
            ...kubernetes,
            "doku:serviceType": "LoadBalancer",
            "doku:allowPlainHttp": "true",
        });
        const { mocks, doku } = await run(config, { loadBalancer: { ip: "198.51.100.7" } });
        expect(await resolve(doku.ingesterUrl)).toBe("http://198.51.100.7:9044");
        expect(await resolve(doku.managementUrl)).toBe("http://198.51.100.7:9044");
        expect(mocks.get(CONNECTION, "doku-datadog-connection").inputs.ingesterUrl).toBe("http://198.51.100.7:9044");
    });
});

describe("DokuObservability's dashboard", () => {
    const dashboard = (mocks: RecordingMocks) => mocks.get(DASHBOARD, "doku-llm-monitoring-dashboard").inputs;
    const redLines = (dashboardInputs: any) =>
        [1, 2, 10, 12].map(
            (widgetIndex) =>
                Object.values<any>(dashboardInputs.widgets[widgetIndex])[0].requests[0].conditionalFormats[0].value,
        );

    it("names the environment in its title and opens the environment variable on it, unless configured", async () => {
        const staging = dashboard((await run(stackConfig({ "doku:environment": "staging" }))).mocks);
        expect(staging.title).toBe("Doku - LLM Monitoring (staging)");
        expect(staging.templateVariables[1]).toEqual({
            name: "environment",
            prefix: "environment",
            availableValues: [],
            default: "staging",
        });
        expect(staging.templateVariables[0].default).toBe("*");

        const configured = dashboard(
            (
                await run(
                    stackConfig({
                        "doku:dashboardTitle": "LLM",
                        "doku:templateVariableDefaults": '{"environment":"*","applicationname":"chat"}',
                    }),
                )
            ).mocks,
        );
        expect(configured.title).toBe("LLM");
        expect(configured.templateVariables.map((variable: any) => variable.default)).toEqual(["chat", "*"]);
    });

    it("red lines follow the monitors' critical thresholds, unless the dashboard's own are set", async () => {
        expect(redLines(dashboard((await run(stackConfig())).mocks))).toEqual([10, 1000, 1000, 1000]);
        const prod = stackConfig({
            "doku:latencyWarningSeconds": "4",
            "doku:latencyCriticalSeconds": "8",
            "doku:tokensCritical": "1500",
        });
        expect(redLines(dashboard((await run(prod)).mocks))).toEqual([8, 1500, 1500, 1500]);
        const own = { ...prod, "doku:requestDurationThreshold": "12", "doku:tokenThreshold": "2000" };
        expect(redLines(dashboard((await run(own)).mocks))).toEqual([12, 2000, 2000, 2000]);
    });

    it("metric metadata only when metricMetadata is on (Datadog refuses it before the metrics exist)", async () => {
        expect((await run(stackConfig())).mocks.ofType(METADATA)).toHaveLength(0);
        const on = await run(stackConfig(), { change: (args) => ({ ...args, metricMetadata: true }) });
        expect(on.mocks.ofType(METADATA).map((resource) => [resource.inputs.metric, resource.parent])).toEqual([
            ["doku.llm.request.duration", "doku-metrics"],
            ["doku.llm.prompt.tokens", "doku-metrics"],
            ["doku.llm.completion.tokens", "doku-metrics"],
            ["doku.llm.total.tokens", "doku-metrics"],
            ["doku.llm.usage.cost", "doku-metrics"],
        ]);
        expect(on.doku.metricMetadata).toBeDefined();
    });
});
