/**
 * @file DokuObservability as a library type: optional arguments with the key table's defaults, Inputs from other
 * resources, every problem reported at once naming `args.<path>` (the same rules as the `doku:` keys), and
 * one family of user-input errors.
 */
import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { DokuObservability } from "../components/dokuObservability";
import { llmMonitoringDashboard } from "../dashboards/llmMonitoring";
import { ConfigError, InvalidArgumentsError, UserInputError } from "../config/userError";
import { RecordingMocks } from "../offline/recording";
import { TYPE, mockCluster } from "./support/ingester";
import { problems, thrownBy } from "./support/config";
import { minimalConfig, resolve, settle } from "./support/pulumi";

const DATADOG_KEYS = { datadogApiKey: "dd-api-key", datadogAppKey: "dd-app-key" };

/** The problems DokuObservability reports for these args; fails when it accepts them or registers a child. */
async function argumentProblems(args: object, opts?: pulumi.ComponentResourceOptions): Promise<string[]> {
    const mocks = mockCluster();
    const caught = thrownBy(() => new DokuObservability("doku", args as any, opts));
    await settle(mocks);
    expect(caught).toBeInstanceOf(InvalidArgumentsError);
    expect(mocks.resources.filter((resource) => !resource.type.startsWith("doku:index"))).toEqual([]);
    return (caught as InvalidArgumentsError).message
        .split("\n")
        .slice(1)
        .map((line) => line.replace(/^ {2}- /, ""));
}

describe("DokuObservability without loadConfig()", () => {
    it("needs only the Datadog keys; the environment is the stack name", async () => {
        const mocks: RecordingMocks = mockCluster(undefined, {}, "qa");
        const doku = new DokuObservability("doku", DATADOG_KEYS);
        expect(await resolve(doku.ingesterUrl)).toBe("http://localhost:9044");
        expect(await resolve(doku.datadogSite)).toBe("datadoghq.com");
        await settle(mocks);
        const monitor = mocks.ofType("datadog:index/monitor:Monitor")[0];
        expect(monitor.inputs.tags).toEqual(["service:doku", "env:qa"]);
    });

    it("takes the ClickHouse host and password and the Datadog key from other resources (Inputs)", async () => {
        const mocks = mockCluster();
        const doku = new DokuObservability("doku", {
            ...DATADOG_KEYS,
            datadogApiKey: pulumi.output("dd-api-key"),
            clickhouse: { host: pulumi.output("ch.internal"), password: pulumi.secret("ch-password") },
        });
        await resolve(doku.managementUrl);
        await settle(mocks);
        const server = mocks.ofType(TYPE.container).find((container) => container.name.endsWith("-server"))!;
        expect(server.inputs.envs).toContain("DOKU_DB_HOST=ch.internal");
        expect(mocks.ofType(TYPE.container).some((container) => container.name.endsWith("-clickhouse"))).toBe(false);
    });

    it("reports every problem at once, naming args.<path>, before registering any child", async () => {
        expect(
            await argumentProblems({
                datadogSite: "datadoghq.co",
                environment: "no spaces",
                clickhouse: { host: "ch.internal", port: 0 },
                kubernetes: { ingress: { tlsSecret: "tls" } },
                dashboard: { topModels: 0 },
                monitors: { latencyWarningSeconds: 20, hourlyBudget: -1 },
            }),
        ).toEqual([
            "args.clickhouse.port: got 0; expected a port from 1 to 65535",
            'args.environment: got "no spaces"; expected a tag value such as prod (letters, digits, _ . -)',
            'args.datadogSite: got "datadoghq.co"; expected one of datadoghq.com, us3.datadoghq.com, ' +
                "us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com",
            "args.datadogApiKey: missing; required (the Datadog API key the ingester sends telemetry with)",
            "args.datadogAppKey: missing; required unless a datadog provider is given: set datadogAppKey, or pass " +
                "your datadog.Provider in the `providers` option",
            "args.dashboard.topModels: got 0; expected an integer from 1 to 100",
            "args.monitors.hourlyBudget: got -1; expected a number greater than 0",
            "args.clickhouse.password: missing; required with args.clickhouse.host " +
                "(the existing ClickHouse's password)",
            'args.kubernetes.ingress.tlsSecret: got "tls"; expected args.kubernetes.ingress.host to be set too ' +
                "(TLS needs a host)",
            "args.monitors.latencyWarningSeconds: got 20; expected less than args.monitors.latencyCriticalSeconds (10)",
        ]);
    });

    it("needs no application key when the caller brings its datadog provider", async () => {
        const mocks = mockCluster();
        const provider = new datadog.Provider("caller", { apiKey: "dd-api-key", appKey: "dd-app-key" });
        const doku = new DokuObservability("doku", { datadogApiKey: "dd-api-key" }, { providers: [provider] });
        expect(doku.datadogProvider).toBe(provider);
        await settle(mocks);
    });
});

describe("what an SRE reviewing the resources would refuse (issue 23)", () => {
    it("a stack name that is no valid environment: refused before any child registers", async () => {
        const mocks = mockCluster(undefined, {}, "_dev");
        const caught = thrownBy(() => new DokuObservability("doku", DATADOG_KEYS));
        await settle(mocks);
        expect(caught).toBeInstanceOf(InvalidArgumentsError);
        expect((caught as Error).message).toBe(
            'doku:index:DokuObservability "doku": invalid arguments:\n' +
                '  - args.environment: missing, and the stack name "_dev" that stands for it is not valid; ' +
                "expected a tag value such as prod (letters, digits, _ . -): set args.environment",
        );
        expect(mocks.resources.map((resource) => resource.type)).toEqual(["doku:index:DokuObservability"]);
    });

    it("an apiKey that is no Doku key, and a field of the wrong type: named, with what is expected", async () => {
        expect(
            await argumentProblems({ ...DATADOG_KEYS, apiKey: "sk-live-0123", clickhouse: { database: 5 } }),
        ).toEqual([
            "args.clickhouse.database: got 5; expected a string",
            "args.apiKey: the secret value is not valid; expected a Doku API key " +
                "(dk followed by 40 lower-case hex digits, as the ingester issues them)",
        ]);
    });
});

describe("one rule, two namings: the loader and the component report the same problem", () => {
    it("an existing ClickHouse needs its password", async () => {
        expect(problems(minimalConfig({ "doku:clickhouseHost": "ch.internal" }))).toEqual([
            "doku:clickhousePassword: missing; required with doku:clickhouseHost " +
                "(the existing ClickHouse's password, set with --secret)",
        ]);
        expect(await argumentProblems({ ...DATADOG_KEYS, clickhouse: { host: "ch.internal" } })).toEqual([
            "args.clickhouse.password: missing; required with args.clickhouse.host " +
                "(the existing ClickHouse's password)",
        ]);
    });
});

describe("one family of user-input errors", () => {
    it("ConfigError, InvalidArgumentsError and a bad dashboard option are all UserInputErrors, without frames", () => {
        const config = new ConfigError(["doku:x: got 1; expected 2"]);
        const argumentsError = new InvalidArgumentsError("bad", [{ propertyPath: "args.x", reason: "expected 2" }]);
        let dashboardError: unknown;
        try {
            llmMonitoringDashboard({ topModels: 0 });
        } catch (error) {
            dashboardError = error;
        }
        for (const error of [config, argumentsError, dashboardError]) {
            expect(error).toBeInstanceOf(UserInputError);
            expect(pulumi.RunError.isInstance(error)).toBe(true);
            expect((error as Error).stack).not.toMatch(/\n\s+at /);
        }
        // Pulumi names the properties of a component's invalid arguments from an InputPropertiesError.
        expect(pulumi.InputPropertiesError.isInstance(argumentsError)).toBe(true);
        expect(argumentsError).toBeInstanceOf(InvalidArgumentsError);
        expect(config).not.toBeInstanceOf(InvalidArgumentsError);
        expect(new UserInputError("x")).not.toBeInstanceOf(ConfigError);
    });
});
