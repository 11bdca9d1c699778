import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import type { DokuConfig } from "../config/load";
import { REFERENCE } from "../dashboards/llmMonitoring";
import { datadogApiUrl } from "../dashboards/sites";
import { DokuApiKey } from "../ingester/apiKeyProvider";
import { DatadogConnection } from "./datadogConnection";
import { DokuIngester } from "./dokuIngester";
import type { KubernetesAwaitKind } from "./ingesterValidation";
import { LlmMetricMetadata } from "./llmMetricMetadata";
import { LlmMonitoringDashboard } from "./llmMonitoringDashboard";
import { LlmMonitors } from "./llmMonitors";

/** The same shape the configuration module produces (`loadConfig()`). */
export type DokuObservabilityArgs = DokuConfig;

const TYPE = "doku:index:DokuObservability";

/**
 * The dashboard options DokuObservability derives from the stack: a title
 * naming the environment (stacks of one Datadog org get distinct dashboards),
 * the `environment` template variable opening on the stack's environment, and
 * red lines at the monitors' critical thresholds. Whatever is configured wins;
 * with nothing configured the red lines are the reference's (10 s, 1000 tokens),
 * which are also the monitors' defaults.
 */
export function stackDashboardOptions(args: DokuObservabilityArgs): DokuConfig["dashboard"] {
    const d = args.dashboard;
    return {
        ...d,
        title: d.title ?? `${REFERENCE.title} (${args.environment})`,
        templateVariableDefaults: { environment: args.environment, ...d.templateVariableDefaults },
        requestDurationThreshold: d.requestDurationThreshold ?? args.monitors.options.latencyCriticalSeconds,
        tokenThreshold: d.tokenThreshold ?? args.monitors.options.tokensCritical,
    };
}

/**
 * The whole stack: the ingester (or an existing one), the Doku API key
 * (adopted when configured, else bootstrapped), the ingester's Datadog
 * connection and the "Doku - LLM Monitoring" dashboard, with its monitors
 * (and, when `metricMetadata` is on, the metric metadata).
 *
 * Datadog resources go through one explicit `datadog.Provider` built from the
 * stack's Datadog API key, application key and site. When the caller passes
 * its own datadog provider (the `provider`/`providers` options, or inherited
 * from a parent), that one is used and none is created.
 */
export class DokuObservability extends pulumi.ComponentResource {
    readonly ingester: DokuIngester;
    /** The ingester URL for the Doku SDKs. */
    readonly ingesterUrl: pulumi.Output<string>;
    /** The URL at which Pulumi's own resources (the API key, the connection) reach the ingester. */
    readonly managementUrl: pulumi.Output<string>;
    /** The Doku API key (secret): the configured key, adopted, or one created through the bootstrap rule. */
    readonly dokuApiKey: pulumi.Output<string>;
    readonly apiKey: DokuApiKey;
    /** The Datadog provider every Datadog resource uses: the caller's, or the one created here. */
    readonly datadogProvider: pulumi.ProviderResource;
    readonly connection: DatadogConnection;
    readonly dashboard: LlmMonitoringDashboard;
    readonly dashboardId: pulumi.Output<string>;
    readonly dashboardUrl: pulumi.Output<string>;
    readonly datadogSite: pulumi.Output<string>;
    /** The monitors, unless `monitors.enabled` is false. */
    readonly monitors?: LlmMonitors;
    /** The metric metadata, only when `metricMetadata` is true. */
    readonly metricMetadata?: LlmMetricMetadata;

    constructor(name: string, args: DokuObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);

        // terraform-provider-datadog needs both keys (DataDog/terraform-provider-datadog, datadog/provider.go,
        // providerConfigure: "api_key and app_key ... must be set unless validate = false", then it validates
        // them against the API) and its api_url defaults to https://api.datadoghq.com, so a stack on another
        // site needs api_url; the default provider has neither from doku: config.
        this.datadogProvider = this.getProvider("datadog:index/dashboard:Dashboard")
            ?? new datadog.Provider(`${name}-datadog-provider`, {
                apiKey: pulumi.secret(args.datadog.apiKey),
                appKey: pulumi.secret(args.datadog.appKey),
                apiUrl: datadogApiUrl(args.datadog.site),
            }, { parent: this });
        const withDatadog = { parent: this, providers: [this.datadogProvider] };

        this.ingester = new DokuIngester(`${name}-ingester`, {
            target: args.target,
            ingesterUrl: args.ingesterUrl,
            clickhouse: args.clickhouse,
            retentionPeriod: args.retentionPeriod,
            pricingUrl: args.pricingUrl,
            ui: args.ui,
            images: args.images,
            docker: args.docker,
            // The config types the kinds as strings; DokuIngester checks them against its own list.
            kubernetes: { ...args.kubernetes, skipAwait: args.kubernetes.skipAwait as KubernetesAwaitKind[] },
        }, { parent: this });
        this.ingesterUrl = this.ingester.url;
        this.managementUrl = this.ingester.managementUrl;

        // Always declared, so configuring (in doku:apiKey) the key it bootstrapped adopts it instead
        // of deleting it. The key and the connection talk to the ingester: both wait for it.
        const afterIngester = { parent: this, dependsOn: [this.ingester] };
        this.apiKey = new DokuApiKey(`${name}-api-key`, {
            ingesterUrl: this.managementUrl,
            name: args.apiKeyName,
            ...(args.apiKey === undefined ? {} : { existingKey: pulumi.secret(args.apiKey) }),
        }, afterIngester);
        this.dokuApiKey = pulumi.secret(this.apiKey.key);

        this.connection = new DatadogConnection(`${name}-datadog`, {
            ingesterUrl: this.managementUrl,
            dokuApiKey: this.dokuApiKey,
            datadogSite: args.datadog.site,
            datadogApiKey: args.datadog.apiKey,
        }, { parent: this, dependsOn: [this.ingester, this.apiKey] });

        const monitorsOn = args.monitors.enabled;
        this.dashboard = new LlmMonitoringDashboard(`${name}-llm-monitoring`, {
            ...stackDashboardOptions(args),
            datadogSite: args.datadog.site,
            ...(monitorsOn && args.monitors.dashboardSummary
                ? { monitorSummaryQuery: `tag:"service:doku" tag:"env:${args.environment}"` }
                : {}),
        }, withDatadog);
        this.dashboardId = this.dashboard.dashboardId;
        this.dashboardUrl = this.dashboard.dashboardUrl;

        if (monitorsOn) {
            this.monitors = new LlmMonitors(`${name}-monitors`, {
                ...args.monitors.options,
                environment: args.environment,
                dashboardUrl: this.dashboardUrl,
            }, withDatadog);
        }
        // Off by default: Datadog refuses metadata for a metric it has not received yet ("404 metric_name not
        // found", DataDog/terraform-provider-datadog#918), so turn it on once telemetry flows.
        if (args.metricMetadata) this.metricMetadata = new LlmMetricMetadata(`${name}-metrics`, {}, withDatadog);
        this.datadogSite = pulumi.output(args.datadog.site);

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
