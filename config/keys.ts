import { z } from "zod";
import { bool, positive } from "./schemas";
import { DATADOG_SITES } from "../dashboards/sites";
import { DEFAULT_IMAGES } from "../ingester/images";
import { MONITOR_KEYS } from "./monitorKeys";

/**
 * Every `doku:` configuration key, in one table. The loader, `Pulumi.yaml`,
 * the README's reference table and the did-you-mean hint all come from here
 * (tests keep the three in agreement).
 */
export type KeyKind = "string" | "integer" | "number" | "boolean" | "array" | "object";

export interface KeySpec {
    /** How the raw config string is read before validation. */
    readonly kind: KeyKind;
    /** Read with `getSecret`; its value never appears in a message. */
    readonly secret?: boolean;
    /** The default, as users read it in the README (`undefined` = none). */
    readonly defaultText?: string;
    /** One line for the README and Pulumi.yaml. */
    readonly description: string;
    /** Validates the value once read; its message says what is expected. */
    readonly schema: z.ZodType;
}

const HOST_NAME = "[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?";
const hostname = z.string().regex(new RegExp(`^${HOST_NAME}$`), "expected a host name such as clickhouse.internal");
const port = z.number().int("expected an integer port").min(1, "expected a port from 1 to 65535").max(65535, "expected a port from 1 to 65535");
const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" });
const tagKey = z.string().regex(/^[a-z][a-z0-9_./-]{0,199}$/, "expected a lower-case Datadog tag key such as model");
const pinnedImage = z
    .string()
    .regex(/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+|@sha256:[a-f0-9]{64})$/, "expected an image reference with a tag or digest")
    .refine((s) => !/:latest$/.test(s), "expected a pinned tag, not :latest");
const k8sName = z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "expected a Kubernetes name (lower-case letters, digits and '-', at most 63)");

export const CONFIG_KEYS = {
    target: {
        kind: "string",
        defaultText: "docker",
        description: "Where the ingester runs: docker, kubernetes, or external (an ingester that already exists).",
        schema: z.enum(["docker", "kubernetes", "external"], { error: "expected one of docker, kubernetes, external" }),
    },
    environment: {
        kind: "string",
        defaultText: "the stack name",
        description: "Environment name: the monitors' scope (environment:<name>) and tag (env:<name>).",
        schema: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/i, "expected a tag value such as prod (letters, digits, _ . -)"),
    },
    ingesterUrl: {
        kind: "string",
        defaultText: "derived from the deployment",
        description: "Base URL of an existing ingester; required for target external, ignored otherwise.",
        schema: httpUrl,
    },
    apiKey: {
        kind: "string",
        secret: true,
        defaultText: "bootstrapped",
        description: "A Doku API key; when absent the program creates one through the ingester's bootstrap rule.",
        schema: z.string().min(1, "expected a non-empty key"),
    },
    apiKeyName: {
        kind: "string",
        defaultText: "pulumi",
        description: "Name of the Doku API key the program bootstraps when doku:apiKey is absent.",
        schema: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "expected a lower-case key name such as pulumi")
            .refine((s) => s !== "doku-client-internal", "expected a name other than the reserved doku-client-internal"),
    },
    clickhouseHost: {
        kind: "string",
        description: "Host of an existing ClickHouse; when unset the program deploys one.",
        schema: hostname,
    },
    clickhousePort: {
        kind: "integer",
        defaultText: "9000",
        description: "ClickHouse native-protocol port the ingester connects to.",
        schema: port,
    },
    clickhouseHttpPort: {
        kind: "integer",
        defaultText: "8123",
        description: "ClickHouse HTTP port the Doku UI connects to.",
        schema: port,
    },
    clickhouseDatabase: {
        kind: "string",
        defaultText: "default",
        description: "ClickHouse database.",
        schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "expected a database name (letters, digits, _)"),
    },
    clickhouseUser: {
        kind: "string",
        defaultText: "default",
        description: "ClickHouse user.",
        schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, "expected a user name (letters, digits, _ -)"),
    },
    clickhousePassword: {
        kind: "string",
        secret: true,
        defaultText: "generated",
        description: "ClickHouse password; generated (random) when absent. Required with doku:clickhouseHost.",
        schema: z.string().min(8, "expected at least 8 characters"),
    },
    retentionPeriod: {
        kind: "string",
        defaultText: "6 MONTH",
        description: "How long ClickHouse keeps telemetry (the ingester's DOKU_DB_RETENTION_PERIOD).",
        schema: z.string().regex(/^[1-9][0-9]* (SECOND|MINUTE|HOUR|DAY|WEEK|MONTH|QUARTER|YEAR)$/, "expected a ClickHouse interval such as 6 MONTH or 30 DAY"),
    },
    pricingUrl: {
        kind: "string",
        defaultText: "the ingester's own (upstream GitHub)",
        description: "URL of pricing.json; set it where the ingester has no internet egress (it exits at start-up without it).",
        schema: httpUrl,
    },
    ui: {
        kind: "boolean",
        defaultText: "false",
        description: "Also deploy the Doku UI.",
        schema: bool,
    },
    dockerHost: {
        kind: "string",
        defaultText: "the host in docker:host when that is ssh:// or tcp://, else localhost",
        description: "Docker: host name or IP address at which the Docker host's published ports are reached; the ingester URL uses it.",
        schema: z
            .string()
            .regex(new RegExp(`^(${HOST_NAME}|\\[[0-9a-fA-F:.]+\\])$`), "expected a host name or IP address such as build-box.internal or [fd00::5] (the Docker daemon's address goes in docker:host)"),
    },
    ingesterHostPort: {
        kind: "integer",
        defaultText: "9044",
        description: "Docker: host port published for the ingester.",
        schema: port,
    },
    clickhouseHostPort: {
        kind: "integer",
        description: "Docker: host port published for ClickHouse's native port (none unless set).",
        schema: port,
    },
    uiHostPort: {
        kind: "integer",
        defaultText: "3000",
        description: "Docker: host port published for the UI.",
        schema: port,
    },
    namespace: {
        kind: "string",
        defaultText: "doku",
        description: "Kubernetes namespace.",
        schema: k8sName,
    },
    createNamespace: {
        kind: "boolean",
        defaultText: "true",
        description: "Kubernetes: create the namespace (false = it exists already).",
        schema: bool,
    },
    replicas: {
        kind: "integer",
        defaultText: "1",
        description: "Ingester replicas on Kubernetes (a PodDisruptionBudget is added above 1).",
        schema: z.number().int("expected an integer ≥ 1").min(1, "expected an integer ≥ 1").max(100, "expected at most 100"),
    },
    serviceType: {
        kind: "string",
        defaultText: "ClusterIP",
        description: "Kubernetes Service type of the ingester: ClusterIP or LoadBalancer.",
        schema: z.enum(["ClusterIP", "LoadBalancer"], { error: "expected ClusterIP or LoadBalancer" }),
    },
    ingressHost: {
        kind: "string",
        description: "Kubernetes: host name of an Ingress for the ingester (no Ingress when unset).",
        schema: hostname,
    },
    ingressClassName: {
        kind: "string",
        description: "Kubernetes: IngressClass of that Ingress.",
        schema: k8sName,
    },
    ingressTlsSecret: {
        kind: "string",
        description: "Kubernetes: TLS Secret for that Ingress (the URL becomes https).",
        schema: k8sName,
    },
    storageClass: {
        kind: "string",
        description: "Kubernetes: StorageClass of ClickHouse's volume (the cluster default when unset).",
        schema: k8sName,
    },
    storageSize: {
        kind: "string",
        defaultText: "20Gi",
        description: "Kubernetes: size of ClickHouse's volume.",
        schema: z.string().regex(/^[1-9][0-9]*(Mi|Gi|Ti)$/, "expected a size such as 20Gi"),
    },
    ingesterImage: {
        kind: "string",
        defaultText: DEFAULT_IMAGES.ingester,
        description: "Ingester image (pinned).",
        schema: pinnedImage,
    },
    clickhouseImage: {
        kind: "string",
        defaultText: DEFAULT_IMAGES.clickhouse,
        description: "ClickHouse image (pinned).",
        schema: pinnedImage,
    },
    uiImage: {
        kind: "string",
        defaultText: DEFAULT_IMAGES.ui,
        description: "Doku UI image (pinned).",
        schema: pinnedImage,
    },
    datadogSite: {
        kind: "string",
        defaultText: "datadoghq.com",
        description: `Datadog site; drives every Datadog URL. One of ${DATADOG_SITES.join(", ")}.`,
        schema: z.enum(DATADOG_SITES, { error: `expected one of ${DATADOG_SITES.join(", ")}` }),
    },
    datadogApiKey: {
        kind: "string",
        secret: true,
        defaultText: "required",
        description: "Datadog API key the ingester sends telemetry with.",
        schema: z.string().min(1, "expected a non-empty key"),
    },
    dashboardTitle: {
        kind: "string",
        defaultText: "Doku - LLM Monitoring",
        description: "Title of the dashboard.",
        schema: z.string().min(1, "expected a non-empty title").max(200, "expected at most 200 characters"),
    },
    requestDurationThreshold: {
        kind: "number",
        defaultText: "10",
        description: "Seconds above which the dashboard shows request duration in red.",
        schema: positive,
    },
    tokenThreshold: {
        kind: "number",
        defaultText: "1000",
        description: "Tokens above which the dashboard shows token counts in red.",
        schema: positive,
    },
    topModels: {
        kind: "integer",
        defaultText: "5",
        description: "How many models the Top Models toplist shows.",
        schema: z.number().int("expected an integer from 1 to 100").min(1, "expected an integer from 1 to 100").max(100, "expected an integer from 1 to 100"),
    },
    extraTemplateVariables: {
        kind: "array",
        defaultText: "[]",
        description: "Tag keys added as dashboard template variables after applicationname and environment, e.g. [model, platform].",
        schema: z.array(tagKey, { error: "expected a list of tag keys" })
            .refine((a) => new Set(a).size === a.length, "expected no repeated names")
            .refine((a) => !a.includes("applicationname") && !a.includes("environment"), "expected names other than applicationname and environment"),
    },
    templateVariableDefaults: {
        kind: "object",
        defaultText: "{} (every variable opens on *)",
        description: "Default value per dashboard template variable, e.g. {environment: prod}.",
        schema: z.record(tagKey, z.string().min(1, "expected a non-empty value"), { error: "expected a map of template variable to value" }),
    },
    ...MONITOR_KEYS,
} satisfies Record<string, KeySpec>;

export type ConfigKeyName = keyof typeof CONFIG_KEYS;
export const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as ConfigKeyName[];
export const NAMESPACE = "doku";
