import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { DokuObservability } from "../components/dokuObservability";
import { LlmMetricMetadata } from "../components/llmMetricMetadata";
import { LlmMonitoringDashboard } from "../components/llmMonitoringDashboard";
import { LlmMonitors } from "../components/llmMonitors";
import { DokuConfig, loadConfig } from "../config/load";
import { DATADOG_SITES, datadogApiUrl } from "../datadog/sites";
import { RecordedResource, RecordingMocks, redactedInputs } from "../offline/recording";
import { DATADOG_APP_KEY, mockCluster, stackConfig } from "./support/ingester";
import { SECRET_VALUES, resolve, settle } from "./support/pulumi";

const PROVIDER = "pulumi:providers:datadog";
const withMetadata = (args: DokuConfig): DokuConfig => ({ ...args, metricMetadata: true });

/** Every datadog resource the program registered (not the provider itself). */
const datadogResources = (mocks: RecordingMocks) =>
    mocks.resources.filter((resource) => resource.type.startsWith("datadog:"));

/** The provider reference (`<urn>::<id>`) a resource was registered with points at that provider. */
const usesProvider = (resource: RecordedResource, provider: RecordedResource) =>
    resource.provider.startsWith(`${provider.urn}::`);

async function observability(config: Record<string, string>): Promise<RecordingMocks> {
    const mocks = mockCluster(undefined, config);
    const doku = new DokuObservability("doku", withMetadata(loadConfig()));
    await resolve(doku.dashboardUrl);
    await resolve(doku.monitors!.monitorIds);
    await settle(mocks);
    return mocks;
}

describe("the Datadog provider of DokuObservability", () => {
    it("is created from the stack's keys (secret) and site, and every Datadog resource uses it", async () => {
        const mocks = await observability(stackConfig({ "doku:datadogSite": "datadoghq.eu" }));
        const provider = mocks.get(PROVIDER, "doku-datadog-provider");
        expect(provider.parent).toBe("doku");
        expect(provider.inputs).toMatchObject({
            apiKey: SECRET_VALUES["doku:datadogApiKey"],
            appKey: DATADOG_APP_KEY,
            apiUrl: "https://api.datadoghq.eu/",
        });
        expect(provider.secretInputs.sort()).toEqual(["apiKey", "appKey"]);
        expect(JSON.stringify(redactedInputs(provider))).not.toContain(DATADOG_APP_KEY);

        const resources = datadogResources(mocks);
        // The dashboard, three monitors and five metric metadata.
        expect(resources).toHaveLength(9);
        for (const resource of resources)
            expect([resource.name, usesProvider(resource, provider)]).toEqual([resource.name, true]);
        expect(mocks.ofType(PROVIDER)).toHaveLength(1);
    });

    it("a US5 stack talks to the US5 API", async () => {
        const mocks = await observability(stackConfig({ "doku:datadogSite": "us5.datadoghq.com" }));
        expect(mocks.get(PROVIDER, "doku-datadog-provider").inputs.apiUrl).toBe("https://api.us5.datadoghq.com/");
    });

    it("uses the caller's datadog provider instead of creating one, passed or inherited from a parent", async () => {
        for (const how of ["providers", "parent"] as const) {
            const mocks = mockCluster(undefined, stackConfig());
            const caller = new datadog.Provider("caller", { apiUrl: "https://api.datadoghq.com/" });
            const opts =
                how === "providers"
                    ? { providers: [caller] }
                    : {
                          parent: new pulumi.ComponentResource(
                              "test:index:Stack",
                              "stack",
                              {},
                              { providers: [caller] },
                          ),
                      };
            const doku = new DokuObservability("doku", withMetadata(loadConfig()), opts);
            await resolve(doku.dashboardUrl);
            await settle(mocks);
            expect(mocks.ofType(PROVIDER).map((provider) => provider.name)).toEqual(["caller"]);
            expect(doku.datadogProvider).toBe(caller);
            const callerRecord = mocks.get(PROVIDER, "caller");
            expect(datadogResources(mocks)).toHaveLength(9);
            for (const resource of datadogResources(mocks)) {
                expect([how, resource.name, usesProvider(resource, callerRecord)]).toEqual([how, resource.name, true]);
            }
        }
    });
});

describe("the library components take the caller's provider like any component", () => {
    it("provider / providers options, and inheritance from a ComponentResource parent", async () => {
        const mocks = mockCluster();
        const eu = new datadog.Provider("eu", { apiUrl: datadogApiUrl("datadoghq.eu") });
        const dashboard = new LlmMonitoringDashboard("dash", { datadogSite: "datadoghq.eu" }, { provider: eu });
        const monitors = new LlmMonitors("mon", { environment: "prod" }, { providers: [eu] });
        const group = new pulumi.ComponentResource("test:index:Group", "group", {}, { providers: { datadog: eu } });
        new LlmMetricMetadata("meta", {}, { parent: group });
        await resolve(dashboard.dashboardUrl);
        await resolve(monitors.monitorIds);
        await settle(mocks);
        const provider = mocks.get(PROVIDER, "eu");
        const resources = datadogResources(mocks);
        expect(resources).toHaveLength(1 + 3 + 5);
        for (const resource of resources)
            expect([resource.name, usesProvider(resource, provider)]).toEqual([resource.name, true]);
    });

    it("without one, they use the default provider (no explicit reference)", async () => {
        const mocks = mockCluster();
        new LlmMetricMetadata("meta");
        await settle(mocks);
        const metadata = mocks.ofType("datadog:index/metricMetadata:MetricMetadata");
        expect(metadata.map((resource) => resource.provider)).toEqual(["", "", "", "", ""]);
    });
});

describe("datadogApiUrl", () => {
    it("is https://api.<site>/ for every site, and refuses an unknown site", () => {
        expect(DATADOG_SITES.map(datadogApiUrl)).toEqual([
            "https://api.datadoghq.com/",
            "https://api.us3.datadoghq.com/",
            "https://api.us5.datadoghq.com/",
            "https://api.datadoghq.eu/",
            "https://api.ap1.datadoghq.com/",
            "https://api.ap2.datadoghq.com/",
            "https://api.ddog-gov.com/",
        ]);
        expect(() => datadogApiUrl("datadoghq.co")).toThrow(
            'datadogSite: got "datadoghq.co"; expected one of datadoghq.com',
        );
    });
});
