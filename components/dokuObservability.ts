import * as pulumi from "@pulumi/pulumi";
import type { DokuConfig } from "../config/load";
import { DokuApiKey } from "../ingester/apiKeyProvider";
import { DatadogConnection } from "./datadogConnection";
import { DokuIngester } from "./dokuIngester";
import { LlmMetricMetadata } from "./llmMetricMetadata";
import { LlmMonitoringDashboard } from "./llmMonitoringDashboard";
import { LlmMonitors } from "./llmMonitors";

/** The same shape the configuration module produces (`loadConfig()`). */
export type DokuObservabilityArgs = DokuConfig;

const TYPE = "doku:index:DokuObservability";

/**
 * The whole stack: the ingester (or an existing one), the Doku API key
 * (configured or bootstrapped), the ingester's Datadog connection and the
 * "Doku - LLM Monitoring" dashboard, with its monitors and metric metadata.
 */
export class DokuObservability extends pulumi.ComponentResource {
    readonly ingester: DokuIngester;
    readonly ingesterUrl: pulumi.Output<string>;
    /** The Doku API key (secret): configured, or created through the bootstrap rule. */
    readonly dokuApiKey: pulumi.Output<string>;
    readonly connection: DatadogConnection;
    readonly dashboard: LlmMonitoringDashboard;
    readonly dashboardId: pulumi.Output<string>;
    readonly dashboardUrl: pulumi.Output<string>;
    readonly datadogSite: pulumi.Output<string>;
    /** The monitors, unless `monitors.enabled` is false. */
    readonly monitors?: LlmMonitors;

    constructor(name: string, args: DokuObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);

        this.ingester = new DokuIngester(`${name}-ingester`, {
            target: args.target,
            ingesterUrl: args.ingesterUrl,
            clickhouse: args.clickhouse,
            retentionPeriod: args.retentionPeriod,
            pricingUrl: args.pricingUrl,
            ui: args.ui,
            images: args.images,
            docker: args.docker,
            kubernetes: args.kubernetes,
        }, { parent: this });
        this.ingesterUrl = this.ingester.url;

        // The key and the connection talk to the ingester: both wait for it.
        const afterIngester = { parent: this, dependsOn: [this.ingester] };
        const apiKey = args.apiKey === undefined
            ? new DokuApiKey(`${name}-api-key`, { ingesterUrl: this.ingesterUrl, name: args.apiKeyName }, afterIngester)
            : undefined;
        this.dokuApiKey = pulumi.secret(apiKey?.key ?? args.apiKey!);

        this.connection = new DatadogConnection(`${name}-datadog`, {
            ingesterUrl: this.ingesterUrl,
            dokuApiKey: this.dokuApiKey,
            datadogSite: args.datadog.site,
            datadogApiKey: args.datadog.apiKey,
        }, { parent: this, dependsOn: apiKey === undefined ? [this.ingester] : [this.ingester, apiKey] });

        const monitorsOn = args.monitors.enabled;
        this.dashboard = new LlmMonitoringDashboard(`${name}-llm-monitoring`, {
            ...args.dashboard,
            datadogSite: args.datadog.site,
            ...(monitorsOn && args.monitors.dashboardSummary
                ? { monitorSummaryQuery: `tag:"service:doku" tag:"env:${args.environment}"` }
                : {}),
        }, { parent: this });
        this.dashboardId = this.dashboard.dashboardId;
        this.dashboardUrl = this.dashboard.dashboardUrl;

        if (monitorsOn) {
            this.monitors = new LlmMonitors(`${name}-monitors`, {
                ...args.monitors.options,
                environment: args.environment,
                dashboardUrl: this.dashboardUrl,
            }, { parent: this });
            new LlmMetricMetadata(`${name}-metrics`, {}, { parent: this });
        }
        this.datadogSite = pulumi.output(args.datadog.site);

        this.registerOutputs({
            ingesterUrl: this.ingesterUrl,
            dashboardId: this.dashboardId,
            dashboardUrl: this.dashboardUrl,
            datadogSite: this.datadogSite,
            dokuApiKey: this.dokuApiKey,
        });
    }
}
