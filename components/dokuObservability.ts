/**
 * @file DokuObservability: the whole stack in one component, from DokuObservabilityArgs (what `loadConfig()`
 * returns from the `doku:` keys, or what a library user passes). Defaults are the key table's (config/keys.ts).
 */
import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_DEFAULTS } from "../config/defaults";
import { CONFIG_KEYS } from "../config/keys";
import { RuleField, argumentNaming, crossFieldProblems } from "../config/crossRules";
import type { LlmMonitoringOptions } from "../config/dashboardArgs";
import type { DokuMonitorsArgs, DokuObservabilityArgs } from "../config/observabilityArgs";
import { fieldProblem, secretProblem } from "../config/problems";
import { PLAIN_HTTP_FIELDS, keysUrl, plainHttpProblems, plainHttpWarning } from "../config/plainHttp";
import { stackEnvironmentProblem } from "../config/rules";
import { REFERENCE, validateOptions } from "../dashboards/llmMonitoring";
import { DOKU_SERVICE_TAG, datadogApiUrl } from "../datadog/sites";
import { DokuApiKey } from "../ingester/apiKeyProvider";
import { monitorFieldProblems } from "../monitors/llmMonitors";
import { OBSERVABILITY_FIELDS } from "./argumentFields";
import { argsProblem, isPlainObject, shapeProblems } from "./argumentShape";
import { DatadogConnection } from "./datadogConnection";
import { DokuIngester } from "./dokuIngester";
import { ingesterFieldProblems, ingesterRuleValues } from "./ingesterValidation";
import { LlmMetricMetadata } from "./llmMetricMetadata";
import { LlmMonitoringDashboard } from "./llmMonitoringDashboard";
import { LlmMonitors } from "./llmMonitors";
import { throwIfInvalid } from "./validation";

export type { DokuMonitorsArgs, DokuObservabilityArgs } from "../config/observabilityArgs";

const TYPE = "doku:index:DokuObservability";

/** The child resources of one DokuObservability. */
interface Children {
    ingester: DokuIngester;
    apiKey: DokuApiKey;
    datadogProvider: pulumi.ProviderResource;
    connection: DatadogConnection;
    dashboard: LlmMonitoringDashboard;
    monitors?: LlmMonitors;
    metricMetadata?: LlmMetricMetadata;
}

/**
 * Each component's children, read through getters, not properties: the component-package analyzer
 * (@pulumi/pulumi provider/experimental/analyzer.js, analyzeSymbols) treats every class property as an
 * output, and it can only reference resources of @pulumi/* packages.
 */
const CHILDREN = new WeakMap<DokuObservability, Children>();

/**
 * The dashboard options DokuObservability derives from the stack: a title
 * naming the environment (stacks of one Datadog org get distinct dashboards),
 * the `environment` template variable opening on the stack's environment, and
 * red lines at the monitors' critical thresholds. Whatever is set wins;
 * with nothing set the red lines are the monitors' default critical thresholds
 * (the key table's, which are also the reference dashboard's).
 */
export function stackDashboardOptions(args: Omit<DokuObservabilityArgs, "datadogApiKey">): LlmMonitoringOptions {
    const dashboard = args.dashboard ?? {};
    const environment = args.environment ?? pulumi.getStack();
    return {
        ...dashboard,
        title: dashboard.title ?? `${REFERENCE.title} (${environment})`,
        templateVariableDefaults: { environment, ...dashboard.templateVariableDefaults },
        requestDurationThreshold:
            dashboard.requestDurationThreshold ??
            args.monitors?.latencyCriticalSeconds ??
            CONFIG_DEFAULTS.latencyCriticalSeconds,
        tokenThreshold: dashboard.tokenThreshold ?? args.monitors?.tokensCritical ?? CONFIG_DEFAULTS.tokensCritical,
    };
}

/** Every problem with DokuObservability's arguments, each naming `args.<path>`. */
function observabilityProblems(args: DokuObservabilityArgs, hasDatadogProvider: boolean): string[] {
    const notAnObject = argsProblem(args, "an object with at least datadogApiKey");
    if (notAnObject !== undefined) return [notAnObject];
    const invalid = new Set<RuleField>();
    const problems = [...shapeProblems(args, OBSERVABILITY_FIELDS, "args"), ...ingesterFieldProblems(args, invalid)];
    const add = (problem: string | undefined) => {
        if (problem !== undefined) problems.push(problem);
    };
    const check = (path: string, value: unknown, key: keyof typeof CONFIG_KEYS) =>
        add(value === undefined ? undefined : fieldProblem(`args.${path}`, value, CONFIG_KEYS[key].schema));
    const monitors: DokuMonitorsArgs = isPlainObject(args.monitors) ? args.monitors : {};
    check("environment", args.environment, "environment");
    if (args.environment === undefined) add(stackEnvironmentProblem(pulumi.getStack(), argumentNaming()));
    const allowProblem = fieldProblem("args.allowPlainHttp", args.allowPlainHttp, CONFIG_KEYS.allowPlainHttp.schema);
    if (args.allowPlainHttp !== undefined && allowProblem !== undefined) {
        problems.push(allowProblem);
        invalid.add("allowPlainHttp");
    }
    check("apiKeyName", args.apiKeyName, "apiKeyName");
    check("metricMetadata", args.metricMetadata, "metricMetadata");
    check("monitors.enabled", monitors.enabled, "monitors");
    check("monitors.dashboardSummary", monitors.dashboardSummary, "dashboardMonitorSummary");
    // The same message as siteProblem's for a bad site (the key's schema words it), and an Output named as such.
    check("datadogSite", args.datadogSite, "datadogSite");
    if (args.datadogApiKey === undefined) {
        problems.push("args.datadogApiKey: missing; required (the Datadog API key the ingester sends telemetry with)");
    }
    // terraform-provider-datadog needs both keys (see the constructor), unless the caller brings its provider.
    if (args.datadogAppKey === undefined && !hasDatadogProvider) {
        problems.push(
            "args.datadogAppKey: missing; required unless a datadog provider is given: set " +
                "datadogAppKey, or pass your datadog.Provider in the `providers` option",
        );
    }
    for (const key of ["datadogApiKey", "datadogAppKey", "apiKey"] as const) {
        add(secretProblem(`args.${key}`, args[key], CONFIG_KEYS[key].schema));
    }
    if (isPlainObject(args.dashboard)) problems.push(...validateOptions(args.dashboard, "args.dashboard"));
    const { enabled: _enabled, dashboardSummary: _summary, ...monitorOptions } = monitors;
    problems.push(...monitorFieldProblems(monitorOptions, "args.monitors."));
    const ruleValues = { ...ingesterRuleValues(args), ...monitorOptions, allowPlainHttp: args.allowPlainHttp };
    const plainHttp = PLAIN_HTTP_FIELDS.some((field) => invalid.has(field))
        ? []
        : plainHttpProblems(ruleValues, argumentNaming());
    return [...problems, ...crossFieldProblems(ruleValues, argumentNaming(), invalid), ...plainHttp];
}

/**
 * The whole stack: the ingester (or an existing one), the Doku API key
 * (adopted when given, else bootstrapped), the ingester's Datadog
 * connection and the "Doku - LLM Monitoring" dashboard, with its monitors
 * (and, when `metricMetadata` is on, the metric metadata).
 *
 * Datadog resources go through one explicit `datadog.Provider` built from
 * `datadogApiKey`, `datadogAppKey` and `datadogSite`. When the caller passes
 * its own datadog provider (the `provider`/`providers` options, or inherited
 * from a parent), that one is used and none is created.
 */
export class DokuObservability extends pulumi.ComponentResource {
    /** The ingester component. */
    get ingester(): DokuIngester {
        return this.children.ingester;
    }
    /** The ingester URL for the Doku SDKs. */
    readonly ingesterUrl: pulumi.Output<string>;
    /** The URL at which Pulumi's own resources (the API key, the connection) reach the ingester. */
    readonly managementUrl: pulumi.Output<string>;
    /** The Doku API key (secret): the given key, adopted, or one created through the bootstrap rule. */
    readonly dokuApiKey: pulumi.Output<string>;
    /** The Doku API key resource. */
    get apiKey(): DokuApiKey {
        return this.children.apiKey;
    }
    /** The Datadog provider every Datadog resource uses: the caller's, or the one created here. */
    get datadogProvider(): pulumi.ProviderResource {
        return this.children.datadogProvider;
    }
    /** The ingester's Datadog connection. */
    get connection(): DatadogConnection {
        return this.children.connection;
    }
    /** The dashboard component. */
    get dashboard(): LlmMonitoringDashboard {
        return this.children.dashboard;
    }
    /** The dashboard's id. */
    readonly dashboardId: pulumi.Output<string>;
    /** Full link to the dashboard on the site. */
    readonly dashboardUrl: pulumi.Output<string>;
    /** The Datadog site in use. */
    readonly datadogSite: pulumi.Output<string>;
    /** The monitors, unless `monitors.enabled` is false. */
    get monitors(): LlmMonitors | undefined {
        return this.children.monitors;
    }
    /** The metric metadata, only when `metricMetadata` is true. */
    get metricMetadata(): LlmMetricMetadata | undefined {
        return this.children.metricMetadata;
    }
    private get children(): Children {
        return CHILDREN.get(this)!;
    }

    constructor(name: string, args: DokuObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const callerProvider = this.getProvider("datadog:index/dashboard:Dashboard");
        throwIfInvalid(TYPE, name, observabilityProblems(args, callerProvider !== undefined));
        const environment = args.environment ?? pulumi.getStack();
        const site = args.datadogSite ?? CONFIG_DEFAULTS.datadogSite;
        const monitorArgs: DokuMonitorsArgs = args.monitors ?? {};
        const children: Partial<Children> = {};
        CHILDREN.set(this, children as Children);

        // terraform-provider-datadog needs both keys (DataDog/terraform-provider-datadog, datadog/provider.go,
        // providerConfigure: "api_key and app_key ... must be set unless validate = false", then it validates
        // them against the API) and its api_url defaults to https://api.datadoghq.com, so a stack on another
        // site needs api_url; the default provider has neither from doku: config.
        children.datadogProvider =
            callerProvider ??
            new datadog.Provider(
                `${name}-datadog-provider`,
                {
                    apiKey: pulumi.secret(args.datadogApiKey),
                    appKey: pulumi.secret(args.datadogAppKey!),
                    apiUrl: datadogApiUrl(site),
                },
                { parent: this },
            );
        const withDatadog = { parent: this, providers: [children.datadogProvider] };

        children.ingester = new DokuIngester(
            `${name}-ingester`,
            {
                target: args.target,
                ingesterUrl: args.ingesterUrl,
                clickhouse: args.clickhouse,
                retentionPeriod: args.retentionPeriod,
                pricingUrl: args.pricingUrl,
                ui: args.ui,
                images: args.images,
                docker: args.docker,
                kubernetes: args.kubernetes,
            },
            { parent: this },
        );
        this.ingesterUrl = this.ingester.url;
        this.managementUrl = this.ingester.managementUrl;
        // The keys go to the management URL: plain HTTP to another machine only when allowed (judged above when
        // the arguments tell; here when only the resolved URL does, e.g. an ingesterUrl from another resource).
        const allowed = { ...ingesterRuleValues(args), allowPlainHttp: args.allowPlainHttp };
        const naming = argumentNaming();
        const plainHttpWarned = plainHttpWarning(allowed, naming);
        if (plainHttpWarned !== undefined) void pulumi.log.warn(plainHttpWarned, this);
        const toKeys = keysUrl(this.managementUrl, args.allowPlainHttp, plainHttpWarned !== undefined, naming, this);

        // Always declared, so configuring (in doku:apiKey) the key it bootstrapped adopts it instead
        // of deleting it. The key and the connection talk to the ingester: both wait for it.
        const afterIngester = { parent: this, dependsOn: [this.ingester] };
        children.apiKey = new DokuApiKey(
            `${name}-api-key`,
            {
                ingesterUrl: toKeys,
                name: args.apiKeyName ?? CONFIG_DEFAULTS.apiKeyName,
                ...(args.apiKey === undefined ? {} : { existingKey: pulumi.secret(args.apiKey) }),
            },
            afterIngester,
        );
        this.dokuApiKey = pulumi.secret(this.apiKey.key);

        children.connection = new DatadogConnection(
            `${name}-datadog`,
            {
                ingesterUrl: toKeys,
                dokuApiKey: this.dokuApiKey,
                datadogSite: site,
                datadogApiKey: args.datadogApiKey,
            },
            { parent: this, dependsOn: [this.ingester, this.apiKey] },
        );

        const monitorsOn = monitorArgs.enabled ?? CONFIG_DEFAULTS.monitors;
        const summaryOn = monitorArgs.dashboardSummary ?? CONFIG_DEFAULTS.dashboardMonitorSummary;
        children.dashboard = new LlmMonitoringDashboard(
            `${name}-llm-monitoring`,
            {
                ...stackDashboardOptions(args),
                datadogSite: site,
                // The monitors carry this tag (monitors/llmMonitors.ts), so the summary lists exactly them.
                ...(monitorsOn && summaryOn
                    ? { monitorSummaryQuery: `tag:"${DOKU_SERVICE_TAG}" tag:"env:${environment}"` }
                    : {}),
            },
            withDatadog,
        );
        this.dashboardId = this.dashboard.dashboardId;
        this.dashboardUrl = this.dashboard.dashboardUrl;

        if (monitorsOn) {
            const { enabled: _enabled, dashboardSummary: _summary, ...monitorOptions } = monitorArgs;
            children.monitors = new LlmMonitors(
                `${name}-monitors`,
                {
                    ...monitorOptions,
                    environment,
                    dashboardUrl: this.dashboardUrl,
                },
                withDatadog,
            );
        }
        // Off by default: Datadog refuses metadata for a metric it has not received yet ("404 metric_name not
        // found", DataDog/terraform-provider-datadog#918), so turn it on once telemetry flows.
        if (args.metricMetadata ?? CONFIG_DEFAULTS.metricMetadata) {
            children.metricMetadata = new LlmMetricMetadata(`${name}-metrics`, {}, withDatadog);
        }
        this.datadogSite = pulumi.output(site);

        this.registerOutputs({
            ingesterUrl: this.ingesterUrl,
            managementUrl: this.managementUrl,
            dashboardId: this.dashboardId,
            dashboardUrl: this.dashboardUrl,
            datadogSite: this.datadogSite,
            dokuApiKey: this.dokuApiKey,
        });
    }
}
