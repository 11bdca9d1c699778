import * as pulumi from "@pulumi/pulumi";
import { DokuObservability } from "../components/dokuObservability";
import { loadConfig } from "../config/load";
import { RecordingMocks } from "../offline/recording";
import { SECRET_VALUES, minimalConfig, mockStack, resolve, settle } from "./support/pulumi";

const CONNECTION = "pulumi-nodejs:dynamic/doku:DokuConnection";
const API_KEY = "pulumi-nodejs:dynamic/doku:DokuApiKey";

async function run(config: Record<string, string>): Promise<{ mocks: RecordingMocks; doku: DokuObservability }> {
    const mocks = mockStack(config);
    const doku = new DokuObservability("doku", loadConfig());
    await resolve(doku.dashboardUrl);
    await resolve(doku.dokuApiKey);
    await settle(mocks);
    return { mocks, doku };
}

describe("DokuObservability wiring", () => {
    it("bootstraps a Doku key after the ingester, then registers the connection after both", async () => {
        const { mocks, doku } = await run(minimalConfig({ "doku:datadogSite": "datadoghq.eu" }));
        const key = mocks.get(API_KEY, "doku-api-key");
        expect(key.parent).toBe("doku");
        expect(key.inputs).toMatchObject({ ingesterUrl: "http://localhost:9044", name: "pulumi" });
        expect(key.additionalSecretOutputs).toEqual(["key", "adminApiKey"]);
        expect(key.dependsOn).toEqual(expect.arrayContaining(["doku-ingester-server", "doku-ingester-clickhouse"]));

        const conn = mocks.get(CONNECTION, "doku-datadog-connection");
        expect(conn.parent).toBe("doku-datadog");
        expect(conn.inputs).toMatchObject({
            ingesterUrl: "http://localhost:9044",
            platform: "datadog",
            metricsUrl: "https://api.datadoghq.eu/api/v2/series",
            logsUrl: "https://http-intake.logs.datadoghq.eu/api/v2/logs",
            apiKey: SECRET_VALUES["doku:datadogApiKey"],
            dokuApiKey: `dk${"0".repeat(40)}`,
        });
        expect(conn.secretInputs.sort()).toEqual(["apiKey", "dokuApiKey"]);
        expect(conn.additionalSecretOutputs).toEqual(["dokuApiKey", "apiKey"]);
        expect(conn.dependsOn).toEqual(expect.arrayContaining(["doku-ingester-server", "doku-api-key"]));
        expect(Object.keys(conn.inputs).filter((k) => k !== "__provider").sort())
            .toEqual(["apiKey", "dokuApiKey", "ingesterUrl", "logsUrl", "metricsUrl", "platform"]);

        expect(await resolve(doku.ingesterUrl)).toBe("http://localhost:9044");
        expect(await resolve(doku.datadogSite)).toBe("datadoghq.eu");
        expect(await resolve(doku.dashboardUrl)).toBe(`https://app.datadoghq.eu/dashboard/${await resolve(doku.dashboardId)}`);
        expect(await pulumi.isSecret(doku.dokuApiKey)).toBe(true);
    });

    it("a remote Docker daemon: the key and the connection go to its host, not localhost", async () => {
        const { mocks, doku } = await run(minimalConfig({ "docker:host": "ssh://ops@build-box.internal", "doku:ingesterHostPort": "19044" }));
        expect(await resolve(doku.ingesterUrl)).toBe("http://build-box.internal:19044");
        expect(mocks.get(API_KEY, "doku-api-key").inputs.ingesterUrl).toBe("http://build-box.internal:19044");
        expect(mocks.get(CONNECTION, "doku-datadog-connection").inputs.ingesterUrl).toBe("http://build-box.internal:19044");
    });

    it("uses a configured Doku key and bootstraps none", async () => {
        const { mocks, doku } = await run(minimalConfig({ "doku:apiKey": SECRET_VALUES["doku:apiKey"] }));
        expect(mocks.ofType(API_KEY)).toHaveLength(0);
        const conn = mocks.get(CONNECTION, "doku-datadog-connection");
        expect(conn.inputs.dokuApiKey).toBe(SECRET_VALUES["doku:apiKey"]);
        // Without a bootstrapped key, the ingester URL alone orders the connection after the ingester.
        expect(conn.dependsOn).toContain("doku-ingester-server");
        expect(await resolve(doku.dokuApiKey)).toBe(SECRET_VALUES["doku:apiKey"]);
    });

    it("an external ingester: no containers, the connection goes to the given URL", async () => {
        const { mocks } = await run(minimalConfig({ "doku:target": "external", "doku:ingesterUrl": "https://doku.example.com", "doku:apiKey": SECRET_VALUES["doku:apiKey"] }));
        expect(mocks.resources.filter((r) => r.type.startsWith("docker:") || r.type.startsWith("kubernetes:"))).toHaveLength(0);
        expect(mocks.get(CONNECTION, "doku-datadog-connection").inputs.ingesterUrl).toBe("https://doku.example.com");
    });

    it("dashboard options from config reach the dashboard", async () => {
        const { mocks } = await run(minimalConfig({ "doku:tokenThreshold": "2000", "doku:templateVariableDefaults": '{"environment":"dev"}' }));
        const d = mocks.get("datadog:index/dashboard:Dashboard", "doku-llm-monitoring-dashboard").inputs;
        expect(d.widgets[2].queryValueDefinition.requests[0].conditionalFormats[0].value).toBe(2000);
        expect(d.templateVariables[1]).toEqual({ name: "environment", prefix: "environment", availableValues: [], default: "dev" });
    });
});
