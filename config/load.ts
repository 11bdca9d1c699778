/**
 * @file `loadConfig()`: reads every `doku:` key, checks each against the key table, reports every problem at
 * once, and maps the keys onto DokuObservabilityArgs. Defaults are not applied here: the component applies
 * the key table's (one home), except the two that depend on other configuration (docker:host).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CONFIG_KEYS, CONFIG_KEY_NAMES, ConfigKeyName, KeySpec, NAMESPACE } from "./keys";
import { fieldProblem, secretProblem, showValue } from "./problems";
import { closest } from "./suggest";
import { coerce } from "./coerce";
import {
    apiUrlProblem,
    ignoredKeyWarnings,
    providerKeyHint,
    providerKeyWarnings,
    stackEnvironmentProblem,
} from "./rules";
import { PLAIN_HTTP_FIELDS, plainHttpProblems } from "./plainHttp";
import { CONFIG_NAMING, RULE_FIELD_PATHS, RuleField, RuleValues, crossFieldProblems } from "./crossRules";
import { CONFIG_DEFAULTS } from "./defaults";
import { ConfigError } from "./userError";
import type { DokuObservabilityArgs } from "./observabilityArgs";

export { ConfigError } from "./userError";

type Value<K extends ConfigKeyName> = z.output<(typeof CONFIG_KEYS)[K]["schema"]>;

/** What `loadConfig()` returns: DokuObservability's arguments, as the `doku:` keys set them. */
export type DokuConfig = DokuObservabilityArgs;

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

/** Every `doku:` key set, checked: the values of the valid ones, secrets as Outputs, every problem. */
interface ReadKeys {
    readonly values: Partial<Record<ConfigKeyName, unknown>>;
    readonly secrets: Partial<Record<ConfigKeyName, pulumi.Output<string>>>;
    readonly problems: string[];
    /** The keys whose value has a problem. */
    readonly invalid: Set<string>;
}

function readKeys(): ReadKeys {
    const config = new pulumi.Config(NAMESPACE);
    const read: ReadKeys = { values: {}, secrets: {}, problems: [], invalid: new Set() };
    const known = new Set<string>(CONFIG_KEY_NAMES);
    const allConfig = pulumi.runtime.allConfig();

    for (const fullKey of Object.keys(allConfig)) {
        const [namespace, key] = fullKey.split(":", 2);
        if (namespace !== NAMESPACE || key === undefined || known.has(key)) continue;
        const hint = closest(key, CONFIG_KEY_NAMES);
        read.problems.push(`${fullKey}: unknown key${hint ? `; did you mean ${NAMESPACE}:${hint}?` : ""}`);
    }
    for (const key of CONFIG_KEY_NAMES) {
        const spec: KeySpec = CONFIG_KEYS[key];
        const fullKey = `${NAMESPACE}:${key}`;
        let problem: string | undefined;
        if (spec.secret) {
            // The value is checked without ever being shown.
            const secret = config.getSecret(key);
            if (secret === undefined) continue;
            read.secrets[key] = secret;
            problem = secretProblem(fullKey, allConfig[fullKey], spec.schema);
        } else {
            const raw = config.get(key);
            if (raw === undefined) continue;
            const coerced = coerce(spec, raw);
            // The key schemas only check (none transforms), so a valid value is kept as read.
            problem =
                coerced.problem !== undefined
                    ? `${fullKey}: got ${showValue(raw)}; ${coerced.problem}`
                    : fieldProblem(fullKey, coerced.value, spec.schema);
            if (problem === undefined) read.values[key] = coerced.value;
        }
        if (problem !== undefined) {
            read.problems.push(problem);
            read.invalid.add(key);
        }
    }
    for (const key of CONFIG_KEY_NAMES) {
        const spec: KeySpec = CONFIG_KEYS[key];
        if (!spec.required || read.secrets[key] !== undefined || read.invalid.has(key)) continue;
        const command = `pulumi config set --secret ${NAMESPACE}:${key} <key>`;
        const hint = providerKeyHint(key, allConfig);
        read.problems.push(`${NAMESPACE}:${key}: missing; required: set it with \`${command}\`${hint}`);
    }
    return read;
}

/**
 * Reads every `doku:` key, validates all of them, and returns DokuObservability's arguments or throws a
 * ConfigError listing every problem. Registers nothing.
 */
export function loadConfig(): DokuConfig {
    const { values, secrets, problems, invalid } = readKeys();
    const get = <K extends ConfigKeyName>(key: K): Value<K> | undefined => values[key] as Value<K> | undefined;
    const target = get("target") ?? CONFIG_DEFAULTS.target;

    if (!invalid.has("target")) {
        for (const warning of ignoredKeyWarnings(target, pulumi.runtime.allConfig())) pulumi.log.warn(warning);
    }
    for (const warning of providerKeyWarnings(pulumi.runtime.allConfig())) pulumi.log.warn(warning);
    const ruleValues: RuleValues = {};
    for (const field of Object.keys(RULE_FIELD_PATHS) as RuleField[]) {
        ruleValues[field] = field === "target" ? target : (values[field] ?? secrets[field as ConfigKeyName]);
    }
    // The host the ingester URL names, as mapKeys derives it (a remote daemon's when doku:dockerHost is unset).
    ruleValues.dockerHost ??= remoteDockerHost(new pulumi.Config("docker").get("host"));
    problems.push(...crossFieldProblems(ruleValues, CONFIG_NAMING, invalid as Set<RuleField>));
    if (!PLAIN_HTTP_FIELDS.some((field) => invalid.has(field))) {
        problems.push(...plainHttpProblems(ruleValues, CONFIG_NAMING));
    }
    const stackName = values.environment === undefined && !invalid.has("environment");
    const badStackName = stackName ? stackEnvironmentProblem(pulumi.getStack(), CONFIG_NAMING) : undefined;
    if (badStackName !== undefined) problems.push(badStackName);
    const site = get("datadogSite") ?? CONFIG_DEFAULTS.datadogSite;
    if (!invalid.has("datadogSite")) {
        const apiUrl = apiUrlProblem(site, new pulumi.Config("datadog").get("apiUrl"), CONFIG_NAMING);
        if (apiUrl !== undefined) problems.push(apiUrl);
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return mapKeys(get, secrets);
}

type Getter = <K extends ConfigKeyName>(key: K) => Value<K> | undefined;

/**
 * Each key's component argument path (`doku:clickhousePort` → `clickhouse.port`), read off mapKeys itself: every
 * key is given a marker value and the path is where its marker lands, so the mapping is written once.
 */
export function argumentPaths(): Record<ConfigKeyName, string> {
    const marker = (key: string) => `\u0000${key}`;
    const get = ((key: ConfigKeyName) => (key === "target" ? "external" : marker(key))) as Getter;
    const secrets = Object.fromEntries(CONFIG_KEY_NAMES.map((key) => [key, marker(key)])) as ReadKeys["secrets"];
    const paths: Partial<Record<ConfigKeyName, string>> = { target: "target" };
    const walk = (value: unknown, path: string): void => {
        if (typeof value === "string" && value.startsWith("\u0000")) paths[value.slice(1) as ConfigKeyName] = path;
        else if (typeof value === "object" && value !== null)
            for (const [field, child] of Object.entries(value)) walk(child, path === "" ? field : `${path}.${field}`);
    };
    walk(mapKeys(get, secrets), "");
    return paths as Record<ConfigKeyName, string>;
}

/** The keys onto DokuObservabilityArgs: each set key in its field, nothing for an unset one. */
function mapKeys(get: Getter, secrets: ReadKeys["secrets"]): DokuConfig {
    const target = get("target");
    const ingressHost = get("ingressHost");
    return {
        target,
        environment: get("environment"),
        allowPlainHttp: get("allowPlainHttp"),
        ingesterUrl: target === "external" ? get("ingesterUrl") : undefined,
        apiKey: secrets.apiKey,
        apiKeyName: get("apiKeyName"),
        clickhouse: {
            host: get("clickhouseHost"),
            port: get("clickhousePort"),
            httpPort: get("clickhouseHttpPort"),
            database: get("clickhouseDatabase"),
            user: get("clickhouseUser"),
            password: secrets.clickhousePassword,
        },
        retentionPeriod: get("retentionPeriod"),
        pricingUrl: get("pricingUrl"),
        ui: get("ui"),
        images: { ingester: get("ingesterImage"), clickhouse: get("clickhouseImage"), ui: get("uiImage") },
        docker: {
            host: get("dockerHost") ?? remoteDockerHost(new pulumi.Config("docker").get("host")),
            ingesterHostPort: get("ingesterHostPort"),
            clickhouseHostPort: get("clickhouseHostPort"),
            uiHostPort: get("uiHostPort"),
            publishAddress: get("dockerPublishAddress"),
            retainVolumes: get("dockerRetainVolumes"),
        },
        kubernetes: {
            namespace: get("namespace"),
            createNamespace: get("createNamespace"),
            replicas: get("replicas"),
            serviceType: get("serviceType"),
            ingress:
                ingressHost === undefined
                    ? undefined
                    : {
                          host: ingressHost,
                          className: get("ingressClassName"),
                          tlsSecret: get("ingressTlsSecret"),
                          annotations: get("ingressAnnotations"),
                      },
            storageClass: get("storageClass"),
            storageSize: get("storageSize"),
            podSecurityLevel: get("podSecurityLevel"),
            managementUrl: get("managementUrl"),
            skipAwait: get("kubernetesSkipAwait"),
            awaitTimeoutMinutes: get("kubernetesAwaitTimeouts"),
        },
        datadogSite: get("datadogSite"),
        datadogApiKey: secrets.datadogApiKey!,
        datadogAppKey: secrets.datadogAppKey,
        metricMetadata: get("metricMetadata"),
        dashboard: {
            title: get("dashboardTitle"),
            requestDurationThreshold: get("requestDurationThreshold"),
            tokenThreshold: get("tokenThreshold"),
            topModels: get("topModels"),
            extraTemplateVariables: get("extraTemplateVariables"),
            templateVariableDefaults: get("templateVariableDefaults"),
        },
        monitors: {
            enabled: get("monitors"),
            dashboardSummary: get("dashboardMonitorSummary"),
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
        },
    };
}
