import * as pulumi from "@pulumi/pulumi";
import { ConfigError, DokuConfig, loadConfig } from "../config/load";
import { CONFIG_KEYS } from "../config/keys";
import { closest } from "../config/suggest";
import { SECRET_VALUES, minimalConfig as withApiKey, mockStack, resolve } from "./support/pulumi";
import { problems } from "./support/config";

/** doku:datadogAppKey is required too; set here so these tests do not depend on the support file's value. */
const APP_KEY = "dd-app-key-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
const minimalConfig = (extra: Record<string, string> = {}) => withApiKey({ "doku:datadogAppKey": APP_KEY, ...extra });

// Keys set for a target they do not apply to are warned about (test/configRules.test.ts); quiet here.
beforeEach(() => jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve()));
afterEach(() => jest.restoreAllMocks());

/** What a remote Docker host needs: ports published beyond loopback, and plain HTTP allowed. */
const REMOTE_DOCKER = { "doku:dockerPublishAddress": "0.0.0.0", "doku:allowPlainHttp": "true" };

function load(config: Record<string, string>, stack = "dev"): DokuConfig {
    mockStack(config, stack);
    return loadConfig();
}

describe("the mapping onto DokuObservabilityArgs", () => {
    it("leaves unset keys unset (the component applies the key table's defaults) and maps the secrets", async () => {
        const args = load(minimalConfig(), "staging");
        expect(args).toMatchObject({
            target: undefined,
            environment: undefined,
            ingesterUrl: undefined,
            apiKey: undefined,
            apiKeyName: undefined,
            clickhouse: { host: undefined, port: undefined, password: undefined },
            images: { ingester: undefined, clickhouse: undefined, ui: undefined },
            docker: { host: undefined, ingesterHostPort: undefined },
            kubernetes: { namespace: undefined, ingress: undefined, skipAwait: undefined },
            datadogSite: undefined,
            metricMetadata: undefined,
            monitors: { enabled: undefined, latencyCriticalSeconds: undefined },
        });
        expect(await resolve(args.datadogApiKey)).toBe(SECRET_VALUES["doku:datadogApiKey"]);
        expect(await resolve(args.datadogAppKey!)).toBe(APP_KEY);
    });

    it("reads every kind of value: strings, integers, numbers, booleans, lists and maps", () => {
        const args = load(
            minimalConfig({
                "doku:target": "kubernetes",
                "doku:replicas": "3",
                "doku:ui": "true",
                "doku:requestDurationThreshold": "2.5",
                "doku:extraTemplateVariables": '["model","platform"]',
                "doku:templateVariableDefaults": '{"environment":"prod"}',
                "doku:ingressHost": "doku.example.com",
                "doku:ingressTlsSecret": "doku-tls",
                "doku:datadogSite": "ap2.datadoghq.com",
            }),
        );
        expect(args.target).toBe("kubernetes");
        expect(args.kubernetes!.replicas).toBe(3);
        expect(args.ui).toBe(true);
        expect(args.dashboard).toEqual({
            requestDurationThreshold: 2.5,
            extraTemplateVariables: ["model", "platform"],
            templateVariableDefaults: { environment: "prod" },
            title: undefined,
            tokenThreshold: undefined,
            topModels: undefined,
        });
        expect(args.kubernetes!.ingress).toEqual({
            host: "doku.example.com",
            className: undefined,
            tlsSecret: "doku-tls",
            annotations: undefined,
        });
        expect(args.datadogSite).toBe("ap2.datadoghq.com");
    });
});

describe("each key is validated", () => {
    // [key, good value, bad value, expected message]
    const cases: Array<[string, string, string, string]> = [
        ["target", "kubernetes", "ecs", 'doku:target: got "ecs"; expected one of docker, kubernetes, external'],
        [
            "environment",
            "prod-eu",
            "prod eu",
            'doku:environment: got "prod eu"; expected a tag value such as prod (letters, digits, _ . -)',
        ],
        [
            "ingesterUrl",
            "https://doku.example.com",
            "doku.example.com",
            'doku:ingesterUrl: got "doku.example.com"; expected an http:// or https:// URL',
        ],
        [
            "apiKeyName",
            "ci",
            "doku-client-internal",
            'doku:apiKeyName: got "doku-client-internal"; expected a name other than doku-client-internal ' +
                "(reserved by the ingester)",
        ],
        [
            "clickhouseHost",
            "ch.internal",
            "ch internal",
            'doku:clickhouseHost: got "ch internal"; expected a host name such as clickhouse.internal ' +
                "(letters, digits, '.' and '-')",
        ],
        ["clickhousePort", "9440", "90000", "doku:clickhousePort: got 90000; expected a port from 1 to 65535"],
        ["clickhouseHttpPort", "8443", "http", 'doku:clickhouseHttpPort: got "http"; expected a decimal number'],
        [
            "clickhouseDatabase",
            "doku",
            "my-db",
            'doku:clickhouseDatabase: got "my-db"; expected a database name (letters, digits, _)',
        ],
        [
            "clickhouseUser",
            "doku",
            "a b",
            'doku:clickhouseUser: got "a b"; expected a user name (letters, digits, _ -)',
        ],
        [
            "retentionPeriod",
            "30 DAY",
            "6 months",
            'doku:retentionPeriod: got "6 months"; expected a ClickHouse interval such as 6 MONTH or 30 DAY',
        ],
        [
            "pricingUrl",
            "https://mirror.example.com/pricing.json",
            "file:///pricing.json",
            'doku:pricingUrl: got "file:///pricing.json"; expected an http:// or https:// URL',
        ],
        ["ui", "true", "yes", 'doku:ui: got "yes"; expected true or false'],
        ["allowPlainHttp", "true", "yes", 'doku:allowPlainHttp: got "yes"; expected true or false'],
        [
            "podSecurityLevel",
            "baseline",
            "strict",
            'doku:podSecurityLevel: got "strict"; expected restricted, baseline or privileged',
        ],
        ["dockerRetainVolumes", "false", "no", 'doku:dockerRetainVolumes: got "no"; expected true or false'],
        [
            "dockerPublishAddress",
            "0.0.0.0",
            "localhost",
            'doku:dockerPublishAddress: got "localhost"; expected an IPv4 or IPv6 address such as 127.0.0.1, ::1 ' +
                "or 0.0.0.0 (no brackets, no zone)",
        ],
        [
            "dockerHost",
            "build-box.internal",
            "ssh://ops@build-box",
            'doku:dockerHost: got "ssh://ops@build-box"; expected a host name or IP address such as ' +
                "build-box.internal or [fd00::5] (the Docker daemon's address goes in docker:host)",
        ],
        ["ingesterHostPort", "19044", "0", "doku:ingesterHostPort: got 0; expected a port from 1 to 65535"],
        ["clickhouseHostPort", "19000", "1.5", "doku:clickhouseHostPort: got 1.5; expected an integer port"],
        ["uiHostPort", "13000", "-1", "doku:uiHostPort: got -1; expected a port from 1 to 65535"],
        [
            "namespace",
            "llm-observability",
            "Doku_NS",
            "doku:namespace: got \"Doku_NS\"; expected a Kubernetes name (lower-case letters, digits and '-', " +
                "at most 63)",
        ],
        ["createNamespace", "false", "no", 'doku:createNamespace: got "no"; expected true or false'],
        ["replicas", "3", "0", "doku:replicas: got 0; expected an integer ≥ 1"],
        [
            "serviceType",
            "LoadBalancer",
            "NodePort",
            'doku:serviceType: got "NodePort"; expected ClusterIP or LoadBalancer',
        ],
        [
            "ingressClassName",
            "nginx",
            "NGINX",
            'doku:ingressClassName: got "NGINX"; expected a Kubernetes name ' +
                "(lower-case letters, digits, '-' and '.', at most 253)",
        ],
        [
            "storageClass",
            "gp3",
            "gp3 fast",
            'doku:storageClass: got "gp3 fast"; expected a Kubernetes name ' +
                "(lower-case letters, digits, '-' and '.', at most 253)",
        ],
        ["storageSize", "100Gi", "100GB", 'doku:storageSize: got "100GB"; expected a size such as 20Gi'],
        [
            "ingressAnnotations",
            '{"cert-manager.io/cluster-issuer":"letsencrypt"}',
            '{"cert-manager.io/cluster-issuer":true}',
            'doku:ingressAnnotations["cert-manager.io/cluster-issuer"]: got true; ' +
                "expected a string value (quote true, false and numbers)",
        ],
        [
            "managementUrl",
            "http://localhost:9044",
            "localhost:9044",
            'doku:managementUrl: got "localhost:9044"; expected an http:// or https:// URL',
        ],
        [
            "kubernetesSkipAwait",
            '["Deployment","Ingress"]',
            '["Pod"]',
            'doku:kubernetesSkipAwait[0]: got "Pod"; expected one of Deployment, StatefulSet, Service, Ingress',
        ],
        [
            "kubernetesAwaitTimeouts",
            '{"StatefulSet":20}',
            '{"StatefulSet":0}',
            "doku:kubernetesAwaitTimeouts.StatefulSet: got 0; " + "expected whole minutes from 1 to 1440",
        ],
        [
            "ingesterImage",
            "ghcr.io/dokulabs/doku-ingester:0.1.2",
            "registry.example.com/doku-ingester:latest",
            'doku:ingesterImage: got "registry.example.com/doku-ingester:latest"; expected a pinned tag, not :latest',
        ],
        [
            "clickhouseImage",
            "clickhouse/clickhouse-server:24.3.1",
            "clickhouse/clickhouse-server",
            'doku:clickhouseImage: got "clickhouse/clickhouse-server"; ' +
                "expected an image reference with a tag or digest",
        ],
        [
            "uiImage",
            `ghcr.io/dokulabs/doku-client@sha256:${"a".repeat(64)}`,
            "registry.example.com/doku-client:latest",
            'doku:uiImage: got "registry.example.com/doku-client:latest"; expected a pinned tag, not :latest',
        ],
        [
            "datadogSite",
            "us5.datadoghq.com",
            "datadoghq.co.uk",
            `doku:datadogSite: got "datadoghq.co.uk"; expected one of datadoghq.com, us3.datadoghq.com, ` +
                `us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com`,
        ],
        ["dashboardTitle", "LLM (prod)", "", 'doku:dashboardTitle: got ""; expected a non-empty title'],
        [
            "requestDurationThreshold",
            "0.5",
            "-1",
            "doku:requestDurationThreshold: got -1; expected a number greater than 0",
        ],
        ["tokenThreshold", "4000", "0", "doku:tokenThreshold: got 0; expected a number greater than 0"],
        ["topModels", "10", "101", "doku:topModels: got 101; expected an integer from 1 to 100"],
        [
            "extraTemplateVariables",
            '["model"]',
            '["Model"]',
            'doku:extraTemplateVariables[0]: got "Model"; expected a lower-case Datadog tag key such as model',
        ],
        [
            "templateVariableDefaults",
            '{"environment":"prod"}',
            '{"environment":""}',
            'doku:templateVariableDefaults.environment: got ""; expected a non-empty value',
        ],
        ["monitors", "false", "off", 'doku:monitors: got "off"; expected true or false'],
        ["metricMetadata", "true", "yes", 'doku:metricMetadata: got "yes"; expected true or false'],
        ["dashboardMonitorSummary", "false", "1", 'doku:dashboardMonitorSummary: got "1"; expected true or false'],
        [
            "notify",
            '["@slack-llm-alerts","@sre@example.com"]',
            '["slack-llm-alerts"]',
            'doku:notify[0]: got "slack-llm-alerts"; expected a notification handle such as @slack-llm-alerts ' +
                "or @someone@example.com",
        ],
        ["latencyWarningSeconds", "2", "0", "doku:latencyWarningSeconds: got 0; expected a number greater than 0"],
        [
            "latencyCriticalSeconds",
            "20",
            "-10",
            "doku:latencyCriticalSeconds: got -10; expected a number greater than 0",
        ],
        ["tokensWarning", "500", "-1", "doku:tokensWarning: got -1; expected a number greater than 0"],
        ["tokensCritical", "4000", "0", "doku:tokensCritical: got 0; expected a number greater than 0"],
        ["hourlyBudget", "12.5", "-5", "doku:hourlyBudget: got -5; expected a number greater than 0"],
        ["dailyBudget", "100", "0", "doku:dailyBudget: got 0; expected a number greater than 0"],
        ["budgetWarningRatio", "0.9", "1.2", "doku:budgetWarningRatio: got 1.2; expected a number between 0 and 1"],
        ["silenceMinutes", "60", "2", "doku:silenceMinutes: got 2; expected whole minutes from 5 to 1440"],
        ["renotifyMinutes", "0", "-1", "doku:renotifyMinutes: got -1; expected whole minutes, 0 or more"],
        ["monitorPriority", "1", "6", "doku:monitorPriority: got 6; expected an integer from 1 to 5"],
    ];

    it("covers every non-secret key", () => {
        const secret = Object.entries(CONFIG_KEYS)
            .filter(([, spec]) => "secret" in spec && spec.secret)
            .map(([key]) => key);
        expect(
            new Set([...cases.map((testCase) => testCase[0]), ...secret, "ingressHost", "ingressTlsSecret"]),
        ).toEqual(new Set(Object.keys(CONFIG_KEYS)));
    });

    it.each(cases)("doku:%s accepts %j and rejects %j", (key, good, bad, message) => {
        const needs: Record<string, string> = key.startsWith("ingress")
            ? { "doku:ingressHost": "doku.example.com" }
            : {};
        if (key === "ingesterUrl") needs["doku:target"] = "external";
        if (key === "target") needs["doku:managementUrl"] = "http://localhost:9044";
        if (key === "clickhouseHost") needs["doku:clickhousePassword"] = SECRET_VALUES["doku:clickhousePassword"];
        // A remote Docker host is reached over plain HTTP, on an address other than loopback.
        if (key === "dockerHost") Object.assign(needs, REMOTE_DOCKER);
        expect(() => load(minimalConfig({ ...needs, [`doku:${key}`]: good }))).not.toThrow();
        expect(problems(minimalConfig({ ...needs, [`doku:${key}`]: bad }))).toEqual([message]);
    });

    it("rejects lists and maps that are not JSON", () => {
        expect(problems(minimalConfig({ "doku:extraTemplateVariables": "model,platform" }))).toEqual([
            'doku:extraTemplateVariables: got "model,platform"; expected a list',
        ]);
    });
});

describe("where the Docker target's ports are reached", () => {
    // A remote host is reached on published ports that are not loopback, over plain HTTP (allowed here).
    // [docker:host, expected docker.host]
    const cases: Array<[string | undefined, string]> = [
        [undefined, "localhost"],
        ["unix:///var/run/docker.sock", "localhost"],
        ["npipe:////./pipe/docker_engine", "localhost"],
        ["ssh://ops@build-box.internal", "build-box.internal"],
        ["ssh://ops@build-box.internal:2222", "build-box.internal"],
        ["tcp://10.0.0.5:2376", "10.0.0.5"],
        ["tcp://[fd00::5]:2376", "[fd00::5]"],
        ["not a url", "localhost"],
    ];
    it.each(cases)("docker:host %j gives %j", (daemon, host) => {
        const args = load(minimalConfig(daemon === undefined ? {} : { "docker:host": daemon, ...REMOTE_DOCKER }));
        expect(args.docker!.host ?? "localhost").toBe(host);
    });

    it("doku:dockerHost wins over docker:host", () => {
        const args = load(
            minimalConfig({
                "docker:host": "ssh://ops@build-box.internal",
                "doku:dockerHost": "10.1.2.3",
                ...REMOTE_DOCKER,
            }),
        );
        expect(args.docker!.host).toBe("10.1.2.3");
    });
});

describe("rules across keys", () => {
    it("external needs doku:ingesterUrl; other targets ignore it", () => {
        expect(problems(minimalConfig({ "doku:target": "external" }))).toEqual([
            "doku:ingesterUrl: missing; required when doku:target is external (the base URL of your ingester, " +
                "e.g. https://doku.example.com)",
        ]);
        expect(
            load(minimalConfig({ "doku:target": "external", "doku:ingesterUrl": "https://doku.example.com" }))
                .ingesterUrl,
        ).toBe("https://doku.example.com");
        expect(load(minimalConfig({ "doku:ingesterUrl": "https://doku.example.com" })).ingesterUrl).toBeUndefined();
    });

    it(
        "an existing ClickHouse needs its password; TLS and class need an ingress host; " +
            "defaults need a known variable",
        () => {
            expect(
                problems(
                    minimalConfig({
                        "doku:clickhouseHost": "ch.internal",
                        "doku:ingressTlsSecret": "tls",
                        "doku:ingressClassName": "nginx",
                        "doku:templateVariableDefaults": '{"model":"gpt-4"}',
                    }),
                ),
            ).toEqual([
                "doku:clickhousePassword: missing; required with doku:clickhouseHost " +
                    "(the existing ClickHouse's password, set with --secret)",
                'doku:ingressTlsSecret: got "tls"; expected doku:ingressHost to be set too (TLS needs a host)',
                'doku:ingressClassName: got "nginx"; expected doku:ingressHost to be set too',
                'doku:templateVariableDefaults: got a default for "model"; ' +
                    "expected one of applicationname, environment",
            ]);
        },
    );

    it("doku:datadogApiKey and doku:datadogAppKey are required", () => {
        expect(problems({})).toEqual([
            "doku:datadogApiKey: missing; required: set it with `pulumi config set --secret doku:datadogApiKey <key>`",
            "doku:datadogAppKey: missing; required: set it with `pulumi config set --secret doku:datadogAppKey <key>`",
        ]);
        expect(problems({ "doku:datadogApiKey": SECRET_VALUES["doku:datadogApiKey"] })).toEqual([
            "doku:datadogAppKey: missing; required: set it with `pulumi config set --secret doku:datadogAppKey <key>`",
        ]);
    });
});

describe("monitor thresholds", () => {
    it("a warning must come before its alert; a daily budget cannot be below the hourly one", () => {
        expect(
            problems(
                minimalConfig({
                    "doku:latencyWarningSeconds": "12",
                    "doku:tokensWarning": "1000",
                    "doku:hourlyBudget": "50",
                    "doku:dailyBudget": "20",
                }),
            ),
        ).toEqual([
            "doku:latencyWarningSeconds: got 12; expected less than doku:latencyCriticalSeconds (10)",
            "doku:tokensWarning: got 1000; expected less than doku:tokensCritical (1000)",
            "doku:dailyBudget: got 20; expected at least doku:hourlyBudget (50)",
        ]);
    });

    it("monitor options are passed through as configured", () => {
        const args = load(minimalConfig({ "doku:hourlyBudget": "12.5", "doku:notify": '["@slack-llm"]' }));
        expect(args.monitors).toMatchObject({ hourlyBudget: 12.5, notify: ["@slack-llm"], dailyBudget: undefined });
    });
});

describe("reporting", () => {
    it("reports every problem at once, with unknown keys and a did-you-mean hint", () => {
        const error = (() => {
            mockStack({
                "doku:replicas": "0",
                "doku:datadogSite": "datadoghq.co",
                "doku:replica": "2",
                "doku:clickhouseHots": "x",
                "doku:zzzzzzzz": "1",
                "aws:region": "eu-west-1",
            });
            try {
                loadConfig();
            } catch (err) {
                return err as ConfigError;
            }
            throw new Error("expected failure");
        })();
        expect(error.problems).toEqual([
            "doku:replica: unknown key; did you mean doku:replicas?",
            "doku:clickhouseHots: unknown key; did you mean doku:clickhouseHost?",
            "doku:zzzzzzzz: unknown key",
            "doku:replicas: got 0; expected an integer ≥ 1",
            'doku:datadogSite: got "datadoghq.co"; expected one of datadoghq.com, us3.datadoghq.com, ' +
                "us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com",
            "doku:datadogApiKey: missing; required: set it with `pulumi config set --secret doku:datadogApiKey <key>`",
            "doku:datadogAppKey: missing; required: set it with `pulumi config set --secret doku:datadogAppKey <key>`",
        ]);
        const lines = error.problems.map((problem) => `  - ${problem}`).join("\n");
        expect(error.message).toBe(`Invalid doku configuration (7 problems):\n${lines}`);
    });

    it("never shows a secret's value, even when it is invalid", () => {
        const problemsFound = problems(minimalConfig({ "doku:clickhousePassword": "short" }));
        expect(problemsFound).toEqual([
            "doku:clickhousePassword: the secret value is not valid; expected at least 8 characters",
        ]);
        expect(problemsFound.join("\n")).not.toContain("short");
    });

    it("suggests only close keys", () => {
        expect(closest("namespce", Object.keys(CONFIG_KEYS))).toBe("namespace");
        expect(closest("DatadogSite", Object.keys(CONFIG_KEYS))).toBe("datadogSite");
        expect(closest("completely-different", Object.keys(CONFIG_KEYS))).toBeUndefined();
    });
});

describe("secrets stay secret", () => {
    it("every secret key comes back as a Pulumi secret", async () => {
        const args = load(
            minimalConfig({
                "doku:apiKey": SECRET_VALUES["doku:apiKey"],
                "doku:clickhousePassword": SECRET_VALUES["doku:clickhousePassword"],
            }),
        );
        for (const [output, value] of [
            [args.datadogApiKey, SECRET_VALUES["doku:datadogApiKey"]],
            [args.datadogAppKey!, APP_KEY],
            [args.apiKey!, SECRET_VALUES["doku:apiKey"]],
            [args.clickhouse!.password!, SECRET_VALUES["doku:clickhousePassword"]],
        ] as Array<[pulumi.Output<string>, string]>) {
            expect(await pulumi.isSecret(output)).toBe(true);
            expect(await resolve(output)).toBe(value);
        }
        expect(JSON.stringify(args)).not.toMatch(/dd-api-key|dd-app-key|ch-password|dk0123/);
    });
});

describe("what an SRE reviewing the resources would refuse (issue 23)", () => {
    const warned = () => (pulumi.log.warn as jest.Mock).mock.calls.map((call) => call[0]);

    it("doku:apiKey that is no Doku key: a config problem naming the key, its value never shown", () => {
        const found = problems(minimalConfig({ "doku:apiKey": "sk-live-0123456789" }));
        expect(found).toEqual([
            "doku:apiKey: the secret value is not valid; expected a Doku API key " +
                "(dk followed by 40 lower-case hex digits, as the ingester issues them)",
        ]);
        expect(found.join("\n")).not.toContain("sk-live");
    });

    it("datadog:apiKey and datadog:appKey as the Datadog provider documents them: a hint names the doku: keys", () => {
        const provider = { "datadog:apiKey": "dd-provider-api", "datadog:appKey": "dd-provider-app" };
        mockStack(provider);
        let message = "";
        try {
            loadConfig();
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toBe(
            "Invalid doku configuration (2 problems):\n" +
                "  - doku:datadogApiKey: missing; required: set it with " +
                "`pulumi config set --secret doku:datadogApiKey <key>` (datadog:apiKey is set, but this program " +
                "does not read it: it builds its own Datadog provider from doku:datadogApiKey; " +
                "set the same key there)\n" +
                "  - doku:datadogAppKey: missing; required: set it with " +
                "`pulumi config set --secret doku:datadogAppKey <key>` (datadog:appKey is set, but this program " +
                "does not read it: it builds its own Datadog provider from doku:datadogAppKey; " +
                "set the same key there)",
        );
        expect(message).not.toMatch(/dd-provider/);
    });

    it("datadog:apiKey next to doku:datadogApiKey: a warning says it is not used", () => {
        load(minimalConfig({ "datadog:apiKey": "dd-provider-api" }));
        expect(warned()).toEqual([
            "datadog:apiKey is not used: this program builds its own Datadog provider from doku:datadogApiKey " +
                "(and doku:datadogSite); you may remove datadog:apiKey",
        ]);
    });

    it("a stack name that is no valid environment is refused with the other problems, naming doku:environment", () => {
        expect(problems(minimalConfig({ "doku:replicas": "0" }), "_dev")).toEqual([
            "doku:replicas: got 0; expected an integer ≥ 1",
            'doku:environment: missing, and the stack name "_dev" that stands for it is not valid; ' +
                "expected a tag value such as prod (letters, digits, _ . -): set doku:environment",
        ]);
        mockStack(minimalConfig({ "doku:environment": "dev" }), "_dev");
        expect(loadConfig().environment).toBe("dev");
    });

    it("a bad extraTemplateVariables entry gives one error, not a second one about templateVariableDefaults", () => {
        expect(
            problems(
                minimalConfig({
                    "doku:extraTemplateVariables": '["Model"]',
                    "doku:templateVariableDefaults": '{"model":"gpt-4o"}',
                }),
            ),
        ).toEqual(['doku:extraTemplateVariables[0]: got "Model"; expected a lower-case Datadog tag key such as model']);
    });

    it("an element of a list or a map is named by its index or key, and shown alone", () => {
        expect(problems(minimalConfig({ "doku:notify": '["@slack-llm-alerts","@slack-#llm-alerts"]' }))).toEqual([
            'doku:notify[1]: got "@slack-#llm-alerts"; expected a notification handle such as @slack-llm-alerts ' +
                "or @someone@example.com",
        ]);
        expect(problems(minimalConfig({ "doku:templateVariableDefaults": '{"Model":"x"}' }))).toEqual([
            'doku:templateVariableDefaults: got the key "Model"; expected a lower-case Datadog tag key such as model',
        ]);
    });

    it("the Ingress host's message gives an Ingress example, not ClickHouse's", () => {
        expect(
            problems(
                minimalConfig({
                    "doku:target": "kubernetes",
                    "doku:ingressHost": "doku staging",
                    "doku:ingressTlsSecret": "t",
                }),
            ),
        ).toEqual([
            'doku:ingressHost: got "doku staging"; expected a host name such as doku.example.com ' +
                "(letters, digits, '.' and '-')",
        ]);
    });
});
