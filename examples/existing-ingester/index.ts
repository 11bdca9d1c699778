/**
 * @file Example: you already run a Doku ingester and only want its Datadog
 * connection and the dashboard (with monitors) managed by Pulumi.
 *
 *   pulumi config set ingesterUrl https://doku.example.com
 *   pulumi config set --secret dokuApiKey <a Doku API key of that ingester>
 *   pulumi config set --secret datadogApiKey <your Datadog API key>
 *   pulumi config set datadogSite datadoghq.eu
 *
 * The dashboard and the monitors go through the stack's default Datadog
 * provider, which needs both keys and, off US1, the site's API URL:
 *
 *   pulumi config set --secret datadog:apiKey <your Datadog API key>
 *   pulumi config set --secret datadog:appKey <a Datadog application key>
 *   pulumi config set datadog:apiUrl https://api.datadoghq.eu/
 *
 * (or pass your own `new datadog.Provider(...)` with the `provider` option to
 * LlmMonitoringDashboard and LlmMonitors; `datadogApiUrl(site)` gives the URL).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    DatadogConnection,
    DatadogSite,
    DokuClient,
    DokuIngester,
    DokuObservability,
    LlmMonitoringDashboard,
    LlmMonitors,
} from "pulumi-doku";

const config = new pulumi.Config();
const site = (config.get("datadogSite") ?? "datadoghq.com") as DatadogSite;

// Adopt the existing ingester: nothing is deployed, the URL is validated and normalised.
const ingester = new DokuIngester("doku", { target: "external", ingesterUrl: config.require("ingesterUrl") });

const connection = new DatadogConnection("doku-datadog", {
    ingesterUrl: ingester.url,
    dokuApiKey: config.requireSecret("dokuApiKey"),
    datadogSite: site,
    datadogApiKey: config.requireSecret("datadogApiKey"),
});

const dashboard = new LlmMonitoringDashboard("llm-monitoring", {
    datadogSite: site,
    extraTemplateVariables: ["model"],
    templateVariableDefaults: { environment: pulumi.getStack() },
});

new LlmMonitors("llm-monitors", {
    environment: pulumi.getStack(),
    dashboardUrl: dashboard.dashboardUrl,
    dailyBudget: 50,
});

export const dashboardUrl = dashboard.dashboardUrl;
export const metricsUrl = connection.metricsUrl;

/** Whole-stack alternative (ingester, key, connection, dashboard, monitors) for teams that deploy the ingester too. */
export type WholeStack = DokuObservability;

/** Is the ingester answering? (`GET /`; usable from a script before `pulumi up`.) */
export async function ingesterReady(url: string): Promise<boolean> {
    return (await new DokuClient({ baseUrl: url }).health()).ready;
}
