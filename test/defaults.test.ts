/**
 * @file One home per default: every key with a default in the key table (config/keys.ts) is observed in what
 * DokuObservability really registers from an empty configuration (loadConfig() with only the Datadog keys),
 * and must equal the table's value. Pulumi.yaml's declared defaults and the README's table are generated
 * from the same table (test/docs.test.ts checks both files hold them).
 */
import { DokuObservability } from "../components/dokuObservability";
import { CONFIG_DEFAULTS, ConfigDefaults } from "../config/defaults";
import { CONFIG_KEYS } from "../config/keys";
import { loadConfig } from "../config/load";
import { RecordedResource, RecordingMocks } from "../offline/recording";
import { TYPE, envMap, mockCluster, stackConfig } from "./support/ingester";
import { resolve, settle } from "./support/pulumi";
import { RecordedOptions, optionsOf, recordOptions } from "./dockerRecording";

const MONITOR = "datadog:index/monitor:Monitor";
const DASHBOARD = "datadog:index/dashboard:Dashboard";
const METADATA = "datadog:index/metricMetadata:MetricMetadata";
const API_KEY = "pulumi-nodejs:dynamic/doku:DokuApiKey";

interface Built {
    readonly mocks: RecordingMocks;
    readonly doku: DokuObservability;
    /** Each resource's options, by `<type> <name>`. */
    readonly options: Map<string, RecordedOptions>;
}

async function build(config: Record<string, string>): Promise<Built> {
    const mocks = mockCluster(undefined, stackConfig(config));
    const options = recordOptions();
    const doku = new DokuObservability("doku", loadConfig());
    await resolve(doku.dashboardUrl);
    await resolve(doku.managementUrl);
    await settle(mocks);
    return { mocks, doku, options };
}

/** The one resource of a type whose name ends with the suffix. */
function named(mocks: RecordingMocks, type: string, suffix: string): RecordedResource {
    const found = mocks.ofType(type).filter((resource) => resource.name.endsWith(suffix));
    if (found.length !== 1) throw new Error(`expected one ${type} named *${suffix}, got ${found.length}`);
    return found[0];
}

const monitor = (built: Built, key: string) => named(built.mocks, MONITOR, `-${key}`).inputs;
const widgets = (built: Built): any[] => named(built.mocks, DASHBOARD, "-dashboard").inputs.widgets;
const redLine = (built: Built, title: string): number =>
    widgets(built).find((widget) => widget.queryValueDefinition?.title === title).queryValueDefinition.requests[0]
        .conditionalFormats[0].value;

type Probe = (stacks: Record<"docker" | "dockerUi" | "kubernetes" | "budget", Built>) => unknown;

/** Where each default shows in what the component registers (other keys may be set to make it visible). */
const PROBES: { [K in keyof ConfigDefaults]: Probe } = {
    target: ({ docker }) => (docker.mocks.ofType(TYPE.container).length > 0 ? "docker" : "not docker"),
    apiKeyName: ({ docker }) => docker.mocks.ofType(API_KEY)[0].inputs.name,
    clickhousePort: ({ docker }) => Number(envMap(named(docker.mocks, TYPE.container, "-server")).DOKU_DB_PORT),
    clickhouseHttpPort: ({ dockerUi }) => Number(envMap(named(dockerUi.mocks, TYPE.container, "-ui")).INIT_DB_PORT),
    clickhouseDatabase: ({ docker }) => envMap(named(docker.mocks, TYPE.container, "-server")).DOKU_DB_NAME,
    clickhouseUser: ({ docker }) => envMap(named(docker.mocks, TYPE.container, "-server")).DOKU_DB_USER,
    retentionPeriod: ({ docker }) => envMap(named(docker.mocks, TYPE.container, "-server")).DOKU_DB_RETENTION_PERIOD,
    ui: ({ docker }) => docker.mocks.ofType(TYPE.container).some((container) => container.name.endsWith("-ui")),
    ingesterHostPort: ({ docker }) => named(docker.mocks, TYPE.container, "-server").inputs.ports[0].external,
    uiHostPort: ({ dockerUi }) => named(dockerUi.mocks, TYPE.container, "-ui").inputs.ports[0].external,
    dockerPublishAddress: ({ docker }) => named(docker.mocks, TYPE.container, "-server").inputs.ports[0].ip,
    dockerRetainVolumes: ({ docker }) =>
        optionsOf(docker.options, TYPE.volume, named(docker.mocks, TYPE.volume, "-clickhouse-data").name)
            .retainOnDelete,
    namespace: ({ kubernetes }) => named(kubernetes.mocks, TYPE.deployment, "-server").inputs.metadata.namespace,
    createNamespace: ({ kubernetes }) => kubernetes.mocks.ofType(TYPE.namespace).length === 1,
    replicas: ({ kubernetes }) => named(kubernetes.mocks, TYPE.deployment, "-server").inputs.spec.replicas,
    serviceType: ({ kubernetes }) => named(kubernetes.mocks, TYPE.service, "-server").inputs.spec.type,
    storageSize: ({ kubernetes }) =>
        named(kubernetes.mocks, TYPE.statefulSet, "-clickhouse").inputs.spec.volumeClaimTemplates[0].spec.resources
            .requests.storage,
    kubernetesSkipAwait: ({ kubernetes }) =>
        kubernetes.mocks.resources
            .filter((resource) => resource.inputs.metadata?.annotations?.["pulumi.com/skipAwait"] !== undefined)
            .map((resource) => resource.type),
    ingesterImage: ({ docker }) => named(docker.mocks, TYPE.image, "-server-image").inputs.name,
    clickhouseImage: ({ docker }) => named(docker.mocks, TYPE.image, "-clickhouse-image").inputs.name,
    uiImage: ({ dockerUi }) => named(dockerUi.mocks, TYPE.image, "-ui-image").inputs.name,
    datadogSite: ({ docker }) => resolve(docker.doku.datadogSite),
    topModels: ({ docker }) =>
        widgets(docker).find((widget) => widget.toplistDefinition).toplistDefinition.requests[0].formulas[0].limit
            .count,
    extraTemplateVariables: ({ docker }) =>
        named(docker.mocks, DASHBOARD, "-dashboard")
            .inputs.templateVariables.slice(2)
            .map((variable: { name: string }) => variable.name),
    monitors: ({ docker }) => docker.mocks.ofType(MONITOR).length > 0,
    metricMetadata: ({ docker }) => docker.mocks.ofType(METADATA).length > 0,
    dashboardMonitorSummary: ({ docker }) => widgets(docker).some((widget) => widget.manageStatusDefinition),
    notify: ({ docker }) => (monitor(docker, "request-duration").message.includes("\n@") ? ["a handle"] : []),
    latencyWarningSeconds: ({ docker }) => Number(monitor(docker, "request-duration").monitorThresholds.warning),
    latencyCriticalSeconds: ({ docker }) => Number(monitor(docker, "request-duration").monitorThresholds.critical),
    tokensWarning: ({ docker }) => Number(monitor(docker, "tokens-per-request").monitorThresholds.warning),
    tokensCritical: ({ docker }) => Number(monitor(docker, "tokens-per-request").monitorThresholds.critical),
    budgetWarningRatio: ({ budget }) => {
        const thresholds = monitor(budget, "hourly-spend").monitorThresholds;
        return Number(thresholds.warning) / Number(thresholds.critical);
    },
    silenceMinutes: ({ docker }) => monitor(docker, "telemetry-silence").noDataTimeframe,
    renotifyMinutes: ({ docker }) => monitor(docker, "request-duration").renotifyInterval,
    monitorPriority: ({ docker }) => Number(monitor(docker, "request-duration").priority),
};

describe("every default of the key table is the one the components apply", () => {
    let stacks: Parameters<Probe>[0];
    beforeAll(async () => {
        stacks = {
            docker: await build({}),
            dockerUi: await build({ "doku:ui": "true" }),
            kubernetes: await build({ "doku:target": "kubernetes", "doku:managementUrl": "http://localhost:9044" }),
            budget: await build({ "doku:hourlyBudget": "100" }),
        };
    }, 60_000);

    it("has a probe for every key with a default (a new default must be observed too)", () => {
        const withDefault = Object.entries(CONFIG_KEYS)
            .filter(([, spec]) => "default" in spec)
            .map(([key]) => key);
        expect(Object.keys(PROBES).sort()).toEqual(withDefault.sort());
        expect(Object.keys(CONFIG_DEFAULTS).sort()).toEqual(withDefault.sort());
    });

    it.each(Object.keys(PROBES) as Array<keyof ConfigDefaults>)("doku:%s", async (key) => {
        expect(await PROBES[key](stacks)).toEqual(CONFIG_DEFAULTS[key]);
    });

    it(
        "the dashboard's red lines default to the monitors' critical thresholds (doku:requestDurationThreshold, " +
            "doku:tokenThreshold)",
        () => {
            expect(redLine(stacks.docker, "Avg Request Duration")).toBe(CONFIG_DEFAULTS.latencyCriticalSeconds);
            expect(redLine(stacks.docker, "Avg Total Tokens")).toBe(CONFIG_DEFAULTS.tokensCritical);
            const latency = CONFIG_DEFAULTS.latencyCriticalSeconds;
            expect(CONFIG_KEYS.requestDurationThreshold.defaultText).toContain(`${latency})`);
            expect(CONFIG_KEYS.tokenThreshold.defaultText).toContain(`${CONFIG_DEFAULTS.tokensCritical})`);
        },
    );
});
