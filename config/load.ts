import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { DatadogSite } from "../dashboards/sites";
import { DEFAULT_IMAGES, PORTS } from "../ingester/images";
import { CONFIG_KEYS, CONFIG_KEY_NAMES, ConfigKeyName, KeySpec, NAMESPACE } from "./keys";
import { LlmMonitorOptions, monitorRuleProblems } from "../monitors/llmMonitors";
import { fieldProblem, showValue } from "./problems";
import { closest } from "./suggest";
import { coerce } from "./coerce";
import { apiUrlProblem, ignoredKeyWarnings, reachabilityProblems } from "./rules";

type Value<K extends ConfigKeyName> = z.output<(typeof CONFIG_KEYS)[K]["schema"]>;

/** The whole configuration of a stack, validated, with defaults applied. */
export interface DokuConfig {
    readonly target: "docker" | "kubernetes" | "external";
    readonly environment: string;
    /** Set for target external; undefined otherwise (derived from the deployment). */
    readonly ingesterUrl?: string;
    /** Configured Doku API key (secret); undefined = bootstrap one named `apiKeyName`. */
    readonly apiKey?: pulumi.Output<string>;
    readonly apiKeyName: string;
    readonly clickhouse: {
        /** Existing ClickHouse host; undefined = deploy one. */
        readonly host?: string;
        readonly port: number;
        readonly httpPort: number;
        readonly database: string;
        readonly user: string;
        /** Configured password (secret); undefined = generated. */
        readonly password?: pulumi.Output<string>;
    };
    readonly retentionPeriod: string;
    readonly pricingUrl?: string;
    readonly ui: boolean;
    readonly images: { readonly ingester: string; readonly clickhouse: string; readonly ui: string };
    readonly docker: { readonly host: string; readonly ingesterHostPort: number; readonly clickhouseHostPort?: number; readonly uiHostPort: number };
    readonly kubernetes: {
        readonly namespace: string;
        readonly createNamespace: boolean;
        readonly replicas: number;
        readonly serviceType: "ClusterIP" | "LoadBalancer";
        readonly ingress?: {
            readonly host: string;
            readonly className?: string;
            readonly tlsSecret?: string;
            /** `doku:ingressAnnotations`, e.g. a cert-manager issuer. */
            readonly annotations?: Record<string, string>;
        };
        readonly storageClass?: string;
        readonly storageSize: string;
        /** `doku:managementUrl`: where the machine running Pulumi reaches the ingester's API. */
        readonly managementUrl?: string;
        /** `doku:kubernetesSkipAwait`: kinds that get `pulumi.com/skipAwait: "true"`. */
        readonly skipAwait: string[];
        /** `doku:kubernetesAwaitTimeouts`: kind -> minutes for customTimeouts create/update. */
        readonly awaitTimeoutMinutes: Record<string, number>;
    };
    readonly datadog: {
        readonly site: DatadogSite;
        readonly apiKey: pulumi.Output<string>;
        /** `doku:datadogAppKey` (secret, required): the Datadog provider needs api_key and app_key. */
        readonly appKey: pulumi.Output<string>;
    };
    /** `doku:metricMetadata`: create the metric metadata (off until telemetry flows). */
    readonly metricMetadata: boolean;
    /** Dashboard options as configured; the dashboard applies its own defaults (the reference's values). */
    readonly dashboard: {
        readonly title?: string;
        readonly requestDurationThreshold?: number;
        readonly tokenThreshold?: number;
        readonly topModels?: number;
        readonly extraTemplateVariables?: string[];
        readonly templateVariableDefaults?: Record<string, string>;
    };
    readonly monitors: {
        readonly enabled: boolean;
        /** Add the monitor summary widget to the dashboard (when enabled). */
        readonly dashboardSummary: boolean;
        /** As configured; the monitors apply their own defaults. */
        readonly options: LlmMonitorOptions;
    };
}

/** Thrown when the configuration is invalid: every problem, one per line. */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: string[]) {
        super(`Invalid doku configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
            problems.map((p) => `  - ${p}`).join("\n"));
        this.name = "ConfigError";
    }
}

/**
 * The host of a remote Docker daemon address as `docker:host` holds it
 * (`ssh://ops@build-box`, `tcp://10.0.0.5:2376`); undefined for a local
 * socket (`unix://`, `npipe://`), for no address, or for one that is not a URL.
 */
export function remoteDockerHost(address: string | undefined): string | undefined {
    if (address === undefined || !URL.canParse(address)) return undefined;
    const url = new URL(address);
    return (url.protocol === "ssh:" || url.protocol === "tcp:") && url.hostname !== "" ? url.hostname : undefined;
}

/**
 * Reads every `doku:` key, validates all of them, and returns one typed
 * object or throws a ConfigError listing every problem. Registers nothing.
 */
export function loadConfig(): DokuConfig {
    const config = new pulumi.Config(NAMESPACE);
    const problems: string[] = [];
    const values: Partial<Record<ConfigKeyName, unknown>> = {};
    const secrets: Partial<Record<ConfigKeyName, pulumi.Output<string>>> = {};
    const known = new Set<string>(CONFIG_KEY_NAMES);

    for (const fullKey of Object.keys(pulumi.runtime.allConfig())) {
        const [ns, key] = fullKey.split(":", 2);
        if (ns !== NAMESPACE || key === undefined || known.has(key)) continue;
        const hint = closest(key, CONFIG_KEY_NAMES);
        problems.push(`${fullKey}: unknown key${hint ? `; did you mean ${NAMESPACE}:${hint}?` : ""}`);
    }

    for (const key of CONFIG_KEY_NAMES) {
        const spec: KeySpec = CONFIG_KEYS[key];
        const fullKey = `${NAMESPACE}:${key}`;
        if (spec.secret) {
            // The value is checked without ever being shown.
            const secret = config.getSecret(key);
            if (secret === undefined) continue;
            secrets[key] = secret;
            const raw = pulumi.runtime.allConfig()[fullKey];
            const result = raw === undefined ? undefined : spec.schema.safeParse(raw);
            if (result && !result.success) problems.push(`${fullKey}: the secret value is not valid; ${result.error.issues[0].message}`);
            continue;
        }
        const raw = config.get(key);
        if (raw === undefined) continue;
        const { value, problem } = coerce(spec, raw);
        // The key schemas only check (none transforms), so a valid value is kept as read.
        const invalid = problem !== undefined
            ? `${fullKey}: got ${showValue(raw)}; ${problem}`
            : fieldProblem(fullKey, value, spec.schema);
        if (invalid === undefined) values[key] = value;
        else problems.push(invalid);
    }

    const get = <K extends ConfigKeyName>(k: K): Value<K> | undefined => values[k] as Value<K> | undefined;
    const target = get("target") ?? "docker";

    if (target === "external" && get("ingesterUrl") === undefined && !problems.some((p) => p.startsWith("doku:ingesterUrl:"))) {
        problems.push("doku:ingesterUrl: missing; required when doku:target is external "
            + "(the base URL of your ingester, e.g. https://doku.example.com)");
    }
    if (!problems.some((p) => p.startsWith("doku:target:"))) {
        for (const warning of ignoredKeyWarnings(target, pulumi.runtime.allConfig())) pulumi.log.warn(warning);
    }
    for (const key of CONFIG_KEY_NAMES) {
        if (!(CONFIG_KEYS[key] as KeySpec).required || secrets[key] !== undefined || values[key] !== undefined) {
            continue;
        }
        const command = `pulumi config set --secret ${NAMESPACE}:${key} <key>`;
        problems.push(`${NAMESPACE}:${key}: missing; required: set it with \`${command}\``);
    }
    const reachKeys = /^doku:(ingressHost|serviceType|managementUrl|kubernetesSkipAwait):/;
    if (target === "kubernetes" && !problems.some((p) => reachKeys.test(p))) {
        problems.push(...reachabilityProblems({
            ingressHost: get("ingressHost"),
            serviceType: get("serviceType"),
            managementUrl: get("managementUrl"),
            skipAwait: get("kubernetesSkipAwait"),
        }));
    }
    const site = get("datadogSite") ?? "datadoghq.com";
    if (!problems.some((p) => p.startsWith("doku:datadogSite:"))) {
        const apiUrl = apiUrlProblem(site, new pulumi.Config("datadog").get("apiUrl"));
        if (apiUrl !== undefined) problems.push(apiUrl);
    }
    if (get("clickhouseHost") !== undefined && secrets.clickhousePassword === undefined) {
        problems.push(`doku:clickhousePassword: missing; required with doku:clickhouseHost (the existing ClickHouse's password, set with --secret)`);
    }
    if (get("ingressTlsSecret") !== undefined && get("ingressHost") === undefined) {
        problems.push(`doku:ingressTlsSecret: got ${showValue(get("ingressTlsSecret"))}; `
            + "expected doku:ingressHost to be set too (TLS needs a host)");
    }
    if (get("ingressClassName") !== undefined && get("ingressHost") === undefined) {
        problems.push(`doku:ingressClassName: got ${showValue(get("ingressClassName"))}; `
            + "expected doku:ingressHost to be set too");
    }
    if (get("ingressAnnotations") !== undefined && get("ingressHost") === undefined) {
        problems.push(`doku:ingressAnnotations: got ${showValue(get("ingressAnnotations"))}; `
            + "expected doku:ingressHost to be set too");
    }
    const extra = get("extraTemplateVariables") ?? [];
    for (const name of Object.keys(get("templateVariableDefaults") ?? {})) {
        if (!["applicationname", "environment", ...extra].includes(name)) {
            const names = ["applicationname", "environment", ...extra].join(", ");
            problems.push(`doku:templateVariableDefaults: got a default for ${showValue(name)}; expected one of ${names}`);
        }
    }

    const monitorOptions: LlmMonitorOptions = {
        latencyWarningSeconds: get("latencyWarningSeconds"),
        latencyCriticalSeconds: get("latencyCriticalSeconds"),
        tokensWarning: get("tokensWarning"),
        tokensCritical: get("tokensCritical"),
        hourlyBudget: get("hourlyBudget"),
        dailyBudget: get("dailyBudget"),
        budgetWarningRatio: get("budgetWarningRatio"),
        silenceMinutes: get("silenceMinutes"),
        notify: get("notify"),
        renotifyMinutes: get("renotifyMinutes"),
        monitorPriority: get("monitorPriority"),
    };
    problems.push(...monitorRuleProblems(monitorOptions, `${NAMESPACE}:`));

    if (problems.length > 0) throw new ConfigError(problems);

    const ingressHost = get("ingressHost");
    return {
        target,
        environment: get("environment") ?? pulumi.getStack(),
        ingesterUrl: target === "external" ? get("ingesterUrl") : undefined,
        apiKey: secrets.apiKey,
        apiKeyName: get("apiKeyName") ?? "pulumi",
        clickhouse: {
            host: get("clickhouseHost"),
            port: get("clickhousePort") ?? PORTS.clickhouseNative,
            httpPort: get("clickhouseHttpPort") ?? PORTS.clickhouseHttp,
            database: get("clickhouseDatabase") ?? "default",
            user: get("clickhouseUser") ?? "default",
            password: secrets.clickhousePassword,
        },
        retentionPeriod: get("retentionPeriod") ?? "6 MONTH",
        pricingUrl: get("pricingUrl"),
        ui: get("ui") ?? false,
        images: {
            ingester: get("ingesterImage") ?? DEFAULT_IMAGES.ingester,
            clickhouse: get("clickhouseImage") ?? DEFAULT_IMAGES.clickhouse,
            ui: get("uiImage") ?? DEFAULT_IMAGES.ui,
        },
        docker: {
            host: get("dockerHost") ?? remoteDockerHost(new pulumi.Config("docker").get("host")) ?? "localhost",
            ingesterHostPort: get("ingesterHostPort") ?? PORTS.ingester,
            clickhouseHostPort: get("clickhouseHostPort"),
            uiHostPort: get("uiHostPort") ?? PORTS.ui,
        },
        kubernetes: {
            namespace: get("namespace") ?? "doku",
            createNamespace: get("createNamespace") ?? true,
            replicas: get("replicas") ?? 1,
            serviceType: get("serviceType") ?? "ClusterIP",
            ingress: ingressHost === undefined ? undefined : {
                host: ingressHost,
                className: get("ingressClassName"),
                tlsSecret: get("ingressTlsSecret"),
                annotations: get("ingressAnnotations"),
            },
            storageClass: get("storageClass"),
            storageSize: get("storageSize") ?? "20Gi",
            managementUrl: get("managementUrl"),
            skipAwait: get("kubernetesSkipAwait") ?? [],
            awaitTimeoutMinutes: get("kubernetesAwaitTimeouts") ?? {},
        },
        datadog: { site, apiKey: secrets.datadogApiKey!, appKey: secrets.datadogAppKey! },
        metricMetadata: get("metricMetadata") ?? false,
        dashboard: {
            title: get("dashboardTitle"),
            requestDurationThreshold: get("requestDurationThreshold"),
            tokenThreshold: get("tokenThreshold"),
            topModels: get("topModels"),
            extraTemplateVariables: get("extraTemplateVariables"),
            templateVariableDefaults: get("templateVariableDefaults"),
        },
        monitors: {
            enabled: get("monitors") ?? true,
            dashboardSummary: get("dashboardMonitorSummary") ?? true,
            options: monitorOptions,
        },
    };
}
