import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { DokuIngester } from "../components/dokuIngester";
import { DokuObservability } from "../components/dokuObservability";
import { loadConfig } from "../config/load";
import { redactedInputs } from "../offline/recording";
import {
    DATADOG_APP_KEY,
    PASSWORD,
    TYPE,
    deploy,
    envMap,
    inventory,
    mockCluster,
    sorted,
    stackConfig,
} from "./support/ingester";
import { SECRET_VALUES, mockStack, resolve, settle } from "./support/pulumi";

describe("docker target", () => {
    it(
        "managed ClickHouse, UI off: network, pinned images, ClickHouse with volume and health check, " +
            "ingester after it",
        async () => {
            const { mocks, ingester, url, managementUrl } = await deploy({ target: "docker" });
            expect(inventory(mocks)).toEqual(
                sorted([
                    [TYPE.component, "doku", "-"],
                    [TYPE.container, "doku-clickhouse", "doku"],
                    [TYPE.container, "doku-server", "doku"],
                    [TYPE.network, "doku-network", "doku"],
                    [TYPE.image, "doku-clickhouse-image", "doku"],
                    [TYPE.image, "doku-server-image", "doku"],
                    [TYPE.volume, "doku-clickhouse-data", "doku"],
                    [TYPE.password, "doku-clickhouse-password", "doku"],
                ]),
            );
            expect(url).toBe("http://localhost:9044");
            expect(managementUrl).toBe(url);
            expect(mocks.get(TYPE.image, "doku-clickhouse-image").inputs).toEqual({
                name: "clickhouse/clickhouse-server:24.2.2",
                keepLocally: true,
            });
            expect(mocks.get(TYPE.image, "doku-server-image").inputs).toEqual({
                name: "ghcr.io/dokulabs/doku-ingester:0.1.3",
                keepLocally: true,
            });
            expect(mocks.get(TYPE.password, "doku-clickhouse-password").inputs).toEqual({ length: 32, special: false });

            const clickhouse = mocks.get(TYPE.container, "doku-clickhouse");
            const password = await resolve(ingester.clickhousePassword!);
            expect(await pulumi.isSecret(ingester.clickhousePassword!)).toBe(true);
            expect(clickhouse.secretInputs).toEqual(["envs"]);
            expect(envMap(clickhouse)).toEqual({ CLICKHOUSE_USER: "default", CLICKHOUSE_PASSWORD: password });
            expect(clickhouse.inputs).toMatchObject({
                // Docker's names carry the project and the stack (doku, dev); the alias stays the component's.
                name: "doku-dev-clickhouse",
                restart: "always",
                wait: true,
                ports: [],
                volumes: [{ volumeName: "doku-dev-clickhouse-data", containerPath: "/var/lib/clickhouse" }],
                networksAdvanced: [{ name: "doku-dev-network", aliases: ["doku-clickhouse"] }],
                healthcheck: { tests: ["CMD-SHELL", "wget --spider -q http://localhost:8123/ping || exit 1"] },
            });

            const server = mocks.get(TYPE.container, "doku-server");
            expect(server.secretInputs).toEqual(["envs"]);
            expect(envMap(server)).toEqual({
                DOKU_DB_HOST: "doku-clickhouse",
                DOKU_DB_PORT: "9000",
                DOKU_DB_NAME: "default",
                DOKU_DB_USER: "default",
                DOKU_DB_PASSWORD: password,
                DOKU_DB_MAX_IDLE_CONNS: "10",
                DOKU_DB_MAX_OPEN_CONNS: "20",
                DOKU_DB_RETENTION_PERIOD: "6 MONTH",
            });
            expect(server.inputs).toMatchObject({
                name: "doku-dev-server",
                ports: [{ internal: 9044, external: 9044, ip: "127.0.0.1" }],
                restart: "always",
                healthcheck: { tests: ["CMD-SHELL", "wget -q -O /dev/null http://localhost:9044/ || exit 1"] },
            });
            // Started only after ClickHouse is healthy: it depends on the container created with wait: true.
            expect(server.dependsOn).toContain("doku-clickhouse");
        },
    );

    it("existing ClickHouse, UI on, custom ports and pricing URL", async () => {
        const { mocks } = await deploy({
            target: "docker",
            ui: true,
            clickhouse: { host: "ch.internal", user: "doku", database: "llm", password: PASSWORD },
            pricingUrl: "https://mirror.example.com/pricing.json",
            retentionPeriod: "30 DAY",
            docker: { ingesterHostPort: 19044, uiHostPort: 13000 },
        });
        expect(inventory(mocks)).toEqual(
            sorted([
                [TYPE.component, "doku", "-"],
                [TYPE.container, "doku-server", "doku"],
                [TYPE.container, "doku-ui", "doku"],
                [TYPE.network, "doku-network", "doku"],
                [TYPE.image, "doku-server-image", "doku"],
                [TYPE.image, "doku-ui-image", "doku"],
                [TYPE.volume, "doku-ui-data", "doku"],
            ]),
        );
        expect(envMap(mocks.get(TYPE.container, "doku-server"))).toMatchObject({
            DOKU_DB_HOST: "ch.internal",
            DOKU_DB_USER: "doku",
            DOKU_DB_NAME: "llm",
            DOKU_DB_PASSWORD: PASSWORD,
            DOKU_DB_RETENTION_PERIOD: "30 DAY",
            DOKU_PRICING_JSON_URL: "https://mirror.example.com/pricing.json",
        });
        const ui = mocks.get(TYPE.container, "doku-ui");
        expect(envMap(ui)).toEqual({
            INIT_DB_HOST: "ch.internal",
            INIT_DB_PORT: "8123",
            INIT_DB_DATABASE: "llm",
            INIT_DB_USERNAME: "doku",
            INIT_DB_PASSWORD: PASSWORD,
            SQLITE_DATABASE_URL: "file:/app/client/data/data.db",
        });
        expect(ui.inputs).toMatchObject({
            name: "doku-dev-ui",
            ports: [{ internal: 3000, external: 13000, ip: "127.0.0.1" }],
            volumes: [{ volumeName: "doku-dev-ui-data", containerPath: "/app/client/data" }],
            restart: "always",
        });
        expect(mocks.get(TYPE.container, "doku-server").inputs.ports).toEqual([
            { internal: 9044, external: 19044, ip: "127.0.0.1" },
        ]);
    });

    it("publishes ClickHouse's port only when asked", async () => {
        const { mocks } = await deploy({ docker: { clickhouseHostPort: 19000 } });
        expect(mocks.get(TYPE.container, "doku-clickhouse").inputs.ports).toEqual([
            { internal: 9000, external: 19000, ip: "127.0.0.1" },
        ]);
    });
    it("passes the caller's Docker provider to every Docker child, and the URL names the remote host", async () => {
        const mocks = mockStack({});
        const provider = new docker.Provider("remote-host", { host: "ssh://ops@build-host" });
        const ingester = new DokuIngester(
            "doku",
            // The remote host's ports are published on its address that this machine reaches.
            {
                target: "docker",
                ui: true,
                docker: { host: "build-host", ingesterHostPort: 19044, publishAddress: "192.0.2.10" },
            },
            { providers: [provider] },
        );
        expect(await resolve(ingester.url)).toBe("http://build-host:19044");
        await settle(mocks);
        const providerUrn = mocks.get("pulumi:providers:docker", "remote-host").urn;
        const children = mocks.resources.filter((resource) => resource.type.startsWith("docker:"));
        expect(children).toHaveLength(9);
        for (const child of children) expect(child.provider.startsWith(`${providerUrn}::`)).toBe(true);
    });
});

describe("external target", () => {
    it("registers no container and passes the URL through", async () => {
        const { mocks, url, managementUrl, ingester } = await deploy({
            target: "external",
            ingesterUrl: "https://doku.example.com/",
        });
        expect(inventory(mocks)).toEqual([[TYPE.component, "doku", "-"]]);
        expect(url).toBe("https://doku.example.com");
        expect(managementUrl).toBe(url);
        expect(ingester.clickhousePassword).toBeUndefined();
    });
});

describe("bad arguments", () => {
    it("reports every problem, naming the argument, and registers no child", async () => {
        const mocks = mockStack({});
        expect(
            () =>
                new DokuIngester("doku", {
                    target: "external",
                    kubernetes: { replicas: 0, storageSize: "10GB" },
                    images: { ingester: "registry.example.com/doku-ingester:latest" },
                    clickhouse: { port: 0 },
                    docker: { host: "tcp://build-box:2376" },
                }),
        ).toThrow(
            [
                'doku:ingester:DokuIngester "doku": invalid arguments:',
                "  - args.clickhouse.port: got 0; expected a port from 1 to 65535",
                '  - args.images.ingester: got "registry.example.com/doku-ingester:latest"; expected a pinned tag, ' +
                    "not :latest",
                '  - args.docker.host: got "tcp://build-box:2376"; ' +
                    "expected a host name or IP address such as build-box.internal or [fd00::5] " +
                    "(the Docker daemon's address goes in docker:host)",
                "  - args.kubernetes.replicas: got 0; expected an integer ≥ 1",
                '  - args.kubernetes.storageSize: got "10GB"; expected a size such as 20Gi',
                "  - args.ingesterUrl: missing; required when args.target is external " +
                    "(the base URL of your ingester, e.g. https://doku.example.com)",
            ].join("\n"),
        );
        await settle(mocks);
        expect(mocks.resources.filter((resource) => resource.type !== TYPE.component)).toHaveLength(0);
    });
});

describe("no secret leaks", () => {
    const secrets = [...Object.values(SECRET_VALUES), DATADOG_APP_KEY];
    const configs: Record<string, Record<string, string>> = {
        "docker, managed": stackConfig({
            "doku:apiKey": SECRET_VALUES["doku:apiKey"],
            "doku:ui": "true",
            "doku:clickhousePassword": PASSWORD,
        }),
        "docker, existing": stackConfig({
            "doku:clickhouseHost": "ch.internal",
            "doku:clickhousePassword": PASSWORD,
            "doku:ui": "true",
        }),
        "kubernetes, managed": stackConfig({
            "doku:target": "kubernetes",
            "doku:clickhousePassword": PASSWORD,
            "doku:apiKey": SECRET_VALUES["doku:apiKey"],
            "doku:ui": "true",
            "doku:managementUrl": "http://localhost:9044",
        }),
        "kubernetes, existing": stackConfig({
            "doku:target": "kubernetes",
            "doku:clickhouseHost": "ch.internal",
            "doku:clickhousePassword": PASSWORD,
            "doku:replicas": "3",
            "doku:ingressHost": "doku.example.com",
            // https: plain HTTP to another machine is refused (doku:allowPlainHttp).
            "doku:ingressTlsSecret": "doku-tls",
        }),
        external: stackConfig({
            "doku:target": "external",
            "doku:ingesterUrl": "https://doku.example.com",
            "doku:apiKey": SECRET_VALUES["doku:apiKey"],
        }),
    };

    it.each(Object.keys(configs))("%s: secrets appear only in secret inputs, never in an env literal", async (name) => {
        const mocks = mockCluster(undefined, configs[name]);
        const doku = new DokuObservability("doku", loadConfig());
        await resolve(doku.dashboardUrl);
        await settle(mocks);
        let secretInputsSeen = 0;
        for (const resource of mocks.resources) {
            const visible = JSON.stringify(redactedInputs(resource));
            for (const secret of secrets) expect(visible).not.toContain(secret);
            secretInputsSeen += resource.secretInputs.length;
            for (const container of resource.inputs.spec?.template?.spec?.containers ?? []) {
                for (const variable of container.env ?? []) {
                    if (/PASSWORD/.test(variable.name)) expect(variable.value).toBeUndefined();
                    for (const secret of secrets) expect(JSON.stringify(variable)).not.toContain(secret);
                }
            }
        }
        expect(secretInputsSeen).toBeGreaterThan(0);
        expect(await pulumi.isSecret(doku.dokuApiKey)).toBe(true);
    });

    it("a thrown configuration error never contains a secret", () => {
        mockCluster(undefined, {
            ...configs["docker, managed"],
            "doku:clickhousePassword": "short",
            "doku:replicas": "-3",
        });
        let message = "";
        try {
            loadConfig();
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toMatch(/doku:clickhousePassword: the secret value is not valid/);
        for (const secret of [...secrets, "short"]) expect(message).not.toContain(secret);
    });
});
