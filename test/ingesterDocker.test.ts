/**
 * @file The docker target on a shared Docker host (issue 24, "The dev stack deployed for real"): ports published
 * on 127.0.0.1 unless opened, names that carry the project and the stack, data volumes that survive, and host
 * port conflicts refused before anything registers. Under the recording mocks (no Docker engine here).
 */
import * as pulumi from "@pulumi/pulumi";
import { DokuIngester, DokuIngesterArgs } from "../components/dokuIngester";
import { DokuObservability } from "../components/dokuObservability";
import { loadConfig } from "../config/load";
import { DOCKER_NAME_MAX, dockerName, dockerNamePrefix } from "../ingester/dockerNames";
import type { RecordingMocks } from "../offline/recording";
import { optionsOf, recordOptions } from "./dockerRecording";
import { problems } from "./support/config";
import { TYPE, deploy, mockCluster, stackConfig } from "./support/ingester";
import { minimalConfig, mockStack, resolve, settle } from "./support/pulumi";

beforeEach(() => jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve()));
afterEach(() => jest.restoreAllMocks());

/** `<type> <Docker name>` of every container, volume and network, sorted. */
function dockerNames(mocks: RecordingMocks): string[] {
    const kinds = { [TYPE.container]: "container", [TYPE.volume]: "volume", [TYPE.network]: "network" };
    return mocks.resources
        .filter((resource) => resource.type in kinds)
        .map((resource) => `${kinds[resource.type]} ${resource.inputs.name}`)
        .sort();
}

/** The whole program (loadConfig, DokuObservability) on one stack, settled. */
async function program(config: Record<string, string>, stack = "dev") {
    const mocks = mockCluster(undefined, stackConfig(config), stack);
    const options = recordOptions();
    const doku = new DokuObservability("doku", loadConfig());
    await resolve(doku.dashboardUrl);
    await settle(mocks);
    return { mocks, options, doku };
}

/** The published ports of each container, by its logical name. */
function portsOf(mocks: RecordingMocks): Record<string, unknown> {
    return Object.fromEntries(
        mocks.ofType(TYPE.container).map((container) => [container.name, container.inputs.ports]),
    );
}

describe("host ports are published on 127.0.0.1 unless the user opens them", () => {
    it("every published port of the ingester, the UI and ClickHouse binds 127.0.0.1 by default", async () => {
        const { mocks } = await deploy({ ui: true, docker: { clickhouseHostPort: 19000 } });
        expect(portsOf(mocks)).toEqual({
            "doku-clickhouse": [{ internal: 9000, external: 19000, ip: "127.0.0.1" }],
            "doku-server": [{ internal: 9044, external: 9044, ip: "127.0.0.1" }],
            "doku-ui": [{ internal: 3000, external: 3000, ip: "127.0.0.1" }],
        });
    });

    it("doku:dockerPublishAddress opens them (here IPv6's every-interface address)", async () => {
        const { mocks } = await program({ "doku:ui": "true", "doku:dockerPublishAddress": "::" });
        expect(portsOf(mocks)).toEqual({
            "doku-ingester-clickhouse": [],
            "doku-ingester-server": [{ internal: 9044, external: 9044, ip: "::" }],
            "doku-ingester-ui": [{ internal: 3000, external: 3000, ip: "::" }],
        });
    });

    const expected = "expected an IPv4 or IPv6 address such as 127.0.0.1, ::1 or 0.0.0.0 (no brackets, no zone)";
    it.each(["localhost", "[::1]", "256.0.0.1", "fe80::1%eth0", "0.0.0.0:9044"])(
        "doku:dockerPublishAddress %j is refused, as args.docker.publishAddress",
        (address) => {
            expect(problems(minimalConfig({ "doku:dockerPublishAddress": address }))).toEqual([
                `doku:dockerPublishAddress: got ${JSON.stringify(address)}; ${expected}`,
            ]);
            mockStack({});
            expect(() => new DokuIngester("doku", { docker: { publishAddress: address } })).toThrow(
                `  - args.docker.publishAddress: got ${JSON.stringify(address)}; ${expected}`,
            );
        },
    );

    it("a remote Docker host with ports on its loopback address is refused: this program could not reach them", () => {
        // Plain HTTP to another machine is accepted here (doku:allowPlainHttp), to see this rule alone.
        const remote = { "doku:allowPlainHttp": "true" };
        expect(problems(minimalConfig({ ...remote, "docker:host": "ssh://ops@build-box" }))).toEqual([
            'doku:dockerPublishAddress: got "127.0.0.1" (the default), a loopback address of the Docker host, ' +
                'which this program cannot reach at "build-box" (doku:dockerHost); expected an address of that ' +
                "host reachable from here (0.0.0.0 opens the ports to every network, the ingester's first-key " +
                "bootstrap included), or doku:dockerHost localhost through an SSH tunnel to the Docker host",
        ]);
        expect(problems(minimalConfig({ "doku:dockerHost": "[::1]" }))[0]).toMatch(
            /^doku:dockerPublishAddress: got "127.0.0.1" \(the default\), a loopback address .* at "\[::1\]"/,
        );
    });

    it.each<Record<string, string>>([
        { "docker:host": "ssh://ops@build-box", "doku:dockerPublishAddress": "0.0.0.0", "doku:allowPlainHttp": "true" },
        { "docker:host": "ssh://ops@build-box", "doku:dockerHost": "localhost" },
        { "doku:dockerHost": "127.0.0.1" },
        { "doku:dockerHost": "[::1]", "doku:dockerPublishAddress": "::1" },
        { "doku:dockerHost": "10.0.0.5", "doku:dockerPublishAddress": "10.0.0.5", "doku:allowPlainHttp": "true" },
    ])("reachable: %j", (config) => {
        mockStack(minimalConfig(config));
        expect(() => loadConfig()).not.toThrow();
    });
});

describe("Docker names carry the project and the stack", () => {
    it("dev and a personal sandbox on one Docker host share no container, volume or network", async () => {
        const config = { "doku:ui": "true", "doku:clickhouseHostPort": "19000" };
        const dev = dockerNames((await program(config, "dev")).mocks);
        const sandbox = dockerNames((await program(config, "sandbox")).mocks);
        expect(dev).toEqual([
            "container doku-dev-clickhouse",
            "container doku-dev-server",
            "container doku-dev-ui",
            "network doku-dev-network",
            "volume doku-dev-clickhouse-data",
            "volume doku-dev-ui-data",
        ]);
        expect(sandbox).toEqual(dev.map((name) => name.replace("doku-dev-", "doku-sandbox-")));
    });

    it("a library component named otherwise adds its name; a second one in the same stack differs", async () => {
        const mocks = mockStack({}, "prod");
        new DokuIngester("llm", {});
        new DokuIngester("llm-eu", { docker: { ingesterHostPort: 19044 } });
        await settle(mocks);
        const names = dockerNames(mocks);
        expect(names.filter((name) => name.startsWith("container"))).toEqual([
            "container doku-prod-llm-clickhouse",
            "container doku-prod-llm-eu-clickhouse",
            "container doku-prod-llm-eu-server",
            "container doku-prod-llm-server",
        ]);
        expect(new Set(names).size).toBe(names.length);
    });

    it("within Docker's name rule ([a-zA-Z0-9][a-zA-Z0-9_.-]+) and at most 63 characters", () => {
        expect(dockerNamePrefix("doku", "dev", "doku")).toBe("doku-dev");
        expect(dockerNamePrefix("my app", "dev", "team/llm ingester")).toBe("my-app-dev-team-llm-ingester");
        expect(dockerNamePrefix("_tools", "dev", "x")).toBe("doku-_tools-dev-x");
        const long = dockerNamePrefix("observability-platform", "personal-sandbox-of-someone", "llm-ingester-eu");
        const [first, second] = [dockerName(long, "clickhouse-data"), dockerName(`${long}2`, "clickhouse-data")];
        for (const name of [first, second]) {
            expect(name).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+-[0-9a-f]{8}-clickhouse-data$/);
            expect(name.length).toBeLessThanOrEqual(DOCKER_NAME_MAX);
        }
        expect(first).not.toBe(second);
        expect(dockerName("doku-dev", "clickhouse-data")).toBe("doku-dev-clickhouse-data");
    });
});

describe("data volumes survive replacements and, by default, destroy", () => {
    it("ClickHouse's and the UI's volumes: retainOnDelete, the name kept as created; containers go first", async () => {
        const { options } = await program({ "doku:ui": "true" });
        for (const volume of ["doku-ingester-clickhouse-data", "doku-ingester-ui-data"]) {
            expect(optionsOf(options, TYPE.volume, volume)).toEqual({
                retainOnDelete: true,
                // A stack created with the former names (doku-clickhouse-data) keeps its volume and its data.
                ignoreChanges: ["name"],
                deleteBeforeReplace: undefined,
            });
        }
        for (const container of ["doku-ingester-clickhouse", "doku-ingester-server", "doku-ingester-ui"]) {
            expect(optionsOf(options, TYPE.container, container).deleteBeforeReplace).toBe(true);
        }
    });

    it("doku:dockerRetainVolumes false lets destroy delete them (the name is still never changed)", async () => {
        const { options } = await program({ "doku:ui": "true", "doku:dockerRetainVolumes": "false" });
        for (const volume of ["doku-ingester-clickhouse-data", "doku-ingester-ui-data"]) {
            expect(optionsOf(options, TYPE.volume, volume)).toMatchObject({
                retainOnDelete: false,
                ignoreChanges: ["name"],
            });
        }
    });
});

describe("two containers publishing one host port are refused before anything registers", () => {
    it("names both keys and the port, with the other problems", () => {
        expect(
            problems(
                minimalConfig({
                    "doku:ui": "true",
                    "doku:uiHostPort": "9044",
                    "doku:clickhouseHostPort": "9044",
                    "doku:replicas": "0",
                }),
            ),
        ).toEqual([
            "doku:replicas: got 0; expected an integer ≥ 1",
            "doku:uiHostPort: got 9044, the host port of doku:ingesterHostPort (its default) too; " +
                "expected a host port no other container of the ingester publishes",
            "doku:clickhouseHostPort: got 9044, the host port of doku:ingesterHostPort (its default) too; " +
                "expected a host port no other container of the ingester publishes",
        ]);
    });

    it("a port set twice but published once is no conflict (the UI off, or an existing ClickHouse)", () => {
        const configs: Array<Record<string, string>> = [
            { "doku:uiHostPort": "9044" },
            {
                "doku:clickhouseHost": "ch.internal",
                "doku:clickhousePassword": "ch-password-a81f22c9d0e4b7",
                "doku:clickhouseHostPort": "9044",
            },
        ];
        for (const config of configs) {
            mockStack(minimalConfig(config));
            expect(() => loadConfig()).not.toThrow();
        }
    });

    it("the component's arguments: args.docker.*, and no child registers", async () => {
        const mocks = mockStack({});
        const args: DokuIngesterArgs = { ui: true, docker: { ingesterHostPort: 3000 } };
        expect(() => new DokuIngester("doku", args)).toThrow(
            [
                'doku:ingester:DokuIngester "doku": invalid arguments:',
                "  - args.docker.uiHostPort (its default): got 3000, the host port of args.docker.ingesterHostPort " +
                    "too; expected a host port no other container of the ingester publishes",
            ].join("\n"),
        );
        await settle(mocks);
        expect(mocks.resources.map((resource) => resource.type)).toEqual([TYPE.component]);
    });
});
