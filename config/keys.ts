import { isIP } from "node:net";
import { z } from "zod";
import { HOST_NAME, bool, hostnameLike, httpUrl, ingesterBaseUrl, positiveUpTo, recordError } from "./schemas";
import { DATADOG_SITES, DatadogSite, EXPECTED_SITE } from "../datadog/sites";
import { MONITOR_KEYS } from "./monitorKeys";
import { KUBERNETES_KEYS } from "./kubernetesKeys";
import { IngesterTarget, KeySpec, TARGETS, Target } from "./keySpec";
import { apiKeyNameProblem } from "./apiKeyName";
import { DOKU_API_KEY_SHAPE, isDokuApiKey } from "./apiKeyFormat";

export type { KeyKind, KeySpec, Target } from "./keySpec";

/** What the deployed targets (not external) use: the ingester, ClickHouse and the UI that the program runs. */
const DEPLOYED: readonly Target[] = ["docker", "kubernetes"];
const DOCKER: readonly Target[] = ["docker"];

const port = z
    .number()
    .int("expected an integer port")
    .min(1, "expected a port from 1 to 65535")
    .max(65535, "expected a port from 1 to 65535");
const TAG_KEY = "expected a lower-case Datadog tag key such as model";
const tagKey = z.string({ error: TAG_KEY }).regex(/^[a-z][a-z0-9_./-]{0,199}$/, TAG_KEY);
const pinnedImage = z
    .string()
    .regex(/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+|@sha256:[a-f0-9]{64})$/, "expected an image reference with a tag or digest")
    .refine((image) => !/:latest$/.test(image), "expected a pinned tag, not :latest");
/** What an environment name is (`doku:environment`, and the stack name when that is unset). */
export const EXPECTED_ENVIRONMENT = "expected a tag value such as prod (letters, digits, _ . -)";
/** Where the Docker host's published ports are reached when nothing says otherwise (`doku:dockerHost`). */
export const LOCAL_DOCKER_HOST = "localhost";

/**
 * Every `doku:` configuration key, in one table: its rule, its default value and its doc. The loader, the
 * components' defaults and validation, `Pulumi.yaml`, the README's reference table and the did-you-mean hint
 * all come from here (test/defaults.test.ts and test/docs.test.ts keep them in agreement).
 */
export const CONFIG_KEYS = {
    target: {
        kind: "string",
        default: IngesterTarget.Docker as IngesterTarget,
        description: "Where the ingester runs: docker, kubernetes, or external (an ingester that already exists).",
        schema: z.enum(TARGETS, { error: `expected one of ${TARGETS.join(", ")}` }),
    },
    environment: {
        kind: "string",
        defaultText: "the stack name",
        description: "Environment name: the monitors' scope (environment:<name>) and tag (env:<name>).",
        schema: z.string({ error: EXPECTED_ENVIRONMENT }).regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/i, EXPECTED_ENVIRONMENT),
    },
    ingesterUrl: {
        kind: "string",
        targets: ["external"],
        defaultText: "derived from the deployment",
        description: "Base URL of an existing ingester; required for target external, ignored otherwise.",
        schema: ingesterBaseUrl,
    },
    apiKey: {
        kind: "string",
        secret: true,
        defaultText: "bootstrapped",
        description: "A Doku API key; when absent the program creates one through the ingester's bootstrap rule.",
        schema: z
            .string({ error: `expected a Doku API key (${DOKU_API_KEY_SHAPE})` })
            .refine(isDokuApiKey, `expected a Doku API key (${DOKU_API_KEY_SHAPE})`),
    },
    apiKeyName: {
        kind: "string",
        default: "pulumi",
        description: "Name of the Doku API key the program bootstraps when doku:apiKey is absent.",
        schema: z.string().superRefine((name, context) => {
            const problem = apiKeyNameProblem(name);
            if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
        }),
    },
    // The API key and the connection are POSTed to the management URL with the Doku key and the Datadog API key.
    allowPlainHttp: {
        kind: "boolean",
        defaultText: "false: refused",
        description:
            "Allow the program to send the Datadog API key and the Doku API key over plain HTTP to another " +
            "machine (an http:// ingester or management URL that is not loopback); warned about at every preview.",
        schema: bool,
    },
    clickhouseHost: {
        kind: "string",
        targets: DEPLOYED,
        description: "Host of an existing ClickHouse; when unset the program deploys one.",
        schema: hostnameLike("clickhouse.internal"),
    },
    clickhousePort: {
        kind: "integer",
        targets: DEPLOYED,
        default: 9000,
        description: "ClickHouse native-protocol port the ingester connects to.",
        schema: port,
    },
    clickhouseHttpPort: {
        kind: "integer",
        targets: DEPLOYED,
        default: 8123,
        description: "ClickHouse HTTP port the Doku UI connects to.",
        schema: port,
    },
    clickhouseDatabase: {
        kind: "string",
        targets: DEPLOYED,
        default: "default",
        description: "ClickHouse database.",
        schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "expected a database name (letters, digits, _)"),
    },
    clickhouseUser: {
        kind: "string",
        targets: DEPLOYED,
        default: "default",
        description: "ClickHouse user.",
        schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, "expected a user name (letters, digits, _ -)"),
    },
    clickhousePassword: {
        kind: "string",
        targets: DEPLOYED,
        secret: true,
        defaultText: "generated",
        description: "ClickHouse password; generated (random) when absent. Required with doku:clickhouseHost.",
        schema: z.string().min(8, "expected at least 8 characters"),
    },
    retentionPeriod: {
        kind: "string",
        targets: DEPLOYED,
        default: "6 MONTH",
        description: "How long ClickHouse keeps telemetry (the ingester's DOKU_DB_RETENTION_PERIOD).",
        schema: z
            .string()
            .regex(
                /^[1-9][0-9]* (SECOND|MINUTE|HOUR|DAY|WEEK|MONTH|QUARTER|YEAR)$/,
                "expected a ClickHouse interval such as 6 MONTH or 30 DAY",
            ),
    },
    pricingUrl: {
        kind: "string",
        targets: DEPLOYED,
        defaultText: "the ingester's own (upstream GitHub)",
        description:
            "URL of pricing.json; set it where the ingester has no internet egress (it exits at start-up without it).",
        schema: httpUrl,
    },
    ui: {
        kind: "boolean",
        targets: DEPLOYED,
        default: false,
        description: "Also deploy the Doku UI.",
        schema: bool,
    },
    dockerHost: {
        kind: "string",
        targets: DOCKER,
        defaultText: `the host in docker:host when that is ssh:// or tcp://, else ${LOCAL_DOCKER_HOST}`,
        description:
            "Docker: host name or IP address at which the Docker host's published ports are reached; " +
            "the ingester URL uses it.",
        schema: z
            .string()
            .regex(
                new RegExp(`^(${HOST_NAME}|\\[[0-9a-fA-F:.]+\\])$`),
                "expected a host name or IP address such as build-box.internal or [fd00::5] " +
                    "(the Docker daemon's address goes in docker:host)",
            ),
    },
    ingesterHostPort: {
        kind: "integer",
        targets: DOCKER,
        default: 9044,
        description: "Docker: host port published for the ingester.",
        schema: port,
    },
    clickhouseHostPort: {
        kind: "integer",
        targets: DOCKER,
        description: "Docker: host port published for ClickHouse's native port (none unless set).",
        schema: port,
    },
    uiHostPort: {
        kind: "integer",
        targets: DOCKER,
        default: 3000,
        description: "Docker: host port published for the UI.",
        schema: port,
    },
    dockerPublishAddress: {
        kind: "string",
        targets: DOCKER,
        default: "127.0.0.1",
        description:
            "Docker: host address the ports are published on; 0.0.0.0 (or ::) opens them to every network, " +
            "the ingester's first-key bootstrap included.",
        schema: z
            .string()
            .refine(
                (address) => isIP(address) !== 0 && !address.includes("%"),
                "expected an IPv4 or IPv6 address such as 127.0.0.1, ::1 or 0.0.0.0 (no brackets, no zone)",
            ),
    },
    dockerRetainVolumes: {
        kind: "boolean",
        targets: DOCKER,
        default: true,
        description:
            "Docker: keep ClickHouse's and the UI's data volumes on the Docker host when pulumi destroy " +
            "(or a replacement) deletes them (false = destroy deletes the telemetry, the API keys and the " +
            "connection with them).",
        schema: bool,
    },
    ...KUBERNETES_KEYS,
    ingesterImage: {
        kind: "string",
        targets: DEPLOYED,
        // The images the package deploys, pinned (doku-ingester.md, release line 0.1.x).
        default: "ghcr.io/dokulabs/doku-ingester:0.1.3",
        description: "Ingester image (pinned).",
        schema: pinnedImage,
    },
    clickhouseImage: {
        kind: "string",
        targets: DEPLOYED,
        default: "clickhouse/clickhouse-server:24.2.2",
        description: "ClickHouse image (pinned).",
        schema: pinnedImage,
    },
    uiImage: {
        kind: "string",
        targets: DEPLOYED,
        default: "ghcr.io/dokulabs/doku-client:0.1.3",
        description: "Doku UI image (pinned).",
        schema: pinnedImage,
    },
    datadogSite: {
        kind: "string",
        default: DatadogSite.US1 as DatadogSite,
        description: `Datadog site; drives every Datadog URL. One of ${DATADOG_SITES.join(", ")}.`,
        schema: z.enum(DATADOG_SITES, { error: EXPECTED_SITE }),
    },
    datadogApiKey: {
        kind: "string",
        secret: true,
        required: true,
        defaultText: "required",
        description:
            "Datadog API key: the ingester sends telemetry with it, and the Datadog provider " +
            "authenticates with it.",
        schema: z.string().min(1, "expected a non-empty key"),
    },
    // The Datadog provider needs an application key as well: @pulumi/datadog 5.11.0 config/vars.d.ts,
    // appKey: "(Required unless validate is false) Datadog APP key".
    datadogAppKey: {
        kind: "string",
        secret: true,
        required: true,
        defaultText: "required",
        description:
            "Datadog application key the Datadog provider needs (with the API key) to manage the " +
            "dashboard and monitors.",
        schema: z.string().min(1, "expected a non-empty key"),
    },
    dashboardTitle: {
        kind: "string",
        defaultText: "the reference title with the environment: Doku - LLM Monitoring (<environment>)",
        description: "Title of the dashboard (each stack's is distinct by default, so stacks can share a Datadog org).",
        schema: z.string().min(1, "expected a non-empty title").max(200, "expected at most 200 characters"),
    },
    requestDurationThreshold: {
        kind: "number",
        defaultText:
            "the latency monitor's critical threshold (doku:latencyCriticalSeconds, " +
            `${MONITOR_KEYS.latencyCriticalSeconds.default})`,
        description: "Seconds above which the dashboard shows request duration in red.",
        schema: positiveUpTo(3600, "seconds"),
    },
    tokenThreshold: {
        kind: "number",
        defaultText:
            "the tokens monitor's critical threshold (doku:tokensCritical, " +
            `${MONITOR_KEYS.tokensCritical.default})`,
        description: "Tokens above which the dashboard shows token counts in red.",
        schema: positiveUpTo(10_000_000, "tokens"),
    },
    topModels: {
        kind: "integer",
        default: 5,
        description: "How many models the Top Models toplist shows.",
        schema: z
            .number()
            .int("expected an integer from 1 to 100")
            .min(1, "expected an integer from 1 to 100")
            .max(100, "expected an integer from 1 to 100"),
    },
    extraTemplateVariables: {
        kind: "array",
        default: [] as string[],
        description:
            "Tag keys added as dashboard template variables after applicationname and environment, " +
            "e.g. [model, platform].",
        schema: z
            .array(tagKey, { error: "expected a list of tag keys" })
            .refine((names) => new Set(names).size === names.length, "expected no repeated names")
            .refine(
                (names) => !names.includes("applicationname") && !names.includes("environment"),
                "expected names other than applicationname and environment",
            ),
    },
    templateVariableDefaults: {
        kind: "object",
        defaultText: "{environment: <environment>} (the other variables open on *)",
        description: "Default value per dashboard template variable, e.g. {environment: prod}.",
        schema: z.record(tagKey, z.string({ error: "expected a string value" }).min(1, "expected a non-empty value"), {
            error: recordError("expected a map of template variable to value", TAG_KEY),
        }),
    },
    ...MONITOR_KEYS,
} satisfies Record<string, KeySpec>;

/** The name of a `doku:` key, without the namespace (e.g. `clickhouseHost`). */
export type ConfigKeyName = keyof typeof CONFIG_KEYS;
/** Every `doku:` key name, in the key table's order (the README's and Pulumi.yaml's order). */
export const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as ConfigKeyName[];
/** The Pulumi config namespace of the keys: `doku` (as in `doku:target`). */
export const NAMESPACE = "doku";
