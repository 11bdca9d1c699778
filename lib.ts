/**
 * The library entry: what another Pulumi program imports from pulumi-doku.
 * (index.ts is this repository's own Pulumi program.)
 */
export { DokuObservability, stackDashboardOptions } from "./components/dokuObservability";
export type { DokuObservabilityArgs } from "./components/dokuObservability";
export { DokuIngester } from "./components/dokuIngester";
export type { DokuIngesterArgs, ClickHouseArgs, IngesterTarget } from "./components/dokuIngester";
// Type-only, so that importing the library does not load @pulumi/kubernetes (an optional peer dependency).
export type { KubernetesPassthrough } from "./ingester/kubernetes";
export { KUBERNETES_AWAIT_KINDS } from "./components/ingesterValidation";
export type { KubernetesAwaitKind } from "./components/ingesterValidation";
export { DatadogConnection } from "./components/datadogConnection";
export type { DatadogConnectionArgs } from "./components/datadogConnection";
export { LlmMonitoringDashboard } from "./components/llmMonitoringDashboard";
export type { LlmMonitoringDashboardArgs } from "./components/llmMonitoringDashboard";
export { LlmMonitors } from "./components/llmMonitors";
export type { LlmMonitorsArgs } from "./components/llmMonitors";
export { LlmMetricMetadata } from "./components/llmMetricMetadata";
export type { LlmMetricMetadataArgs } from "./components/llmMetricMetadata";
export { exportMonitor } from "./monitors/export";
export type { Plain } from "./monitors/export";
export type { LlmMonitorOptions } from "./monitors/llmMonitors";
export { DokuClient, DokuApiError, PLATFORMS } from "./ingester/client";
export type { DokuClientOptions, ConnectionSpec, StoredConnection, Platform } from "./ingester/client";
export type { RawResponse, ErrorKind } from "./ingester/api";
export type { NetworkKind } from "./ingester/transport";
export { DokuConnection, dokuConnectionProvider } from "./ingester/connectionProvider";
export type { DokuConnectionArgs, DokuConnectionInputs } from "./ingester/connectionProvider";
export { DokuApiKey, dokuApiKeyProvider } from "./ingester/apiKeyProvider";
export type { DokuApiKeyArgs, DokuApiKeyInputs } from "./ingester/apiKeyProvider";
export { DATADOG_SITES, datadogApiUrl, datadogIntakeUrls, dashboardUrl, appHost } from "./dashboards/sites";
export type { DatadogSite, DatadogIntakeUrls } from "./dashboards/sites";
export { llmMonitoringDashboard } from "./dashboards/llmMonitoring";
export type { LlmMonitoringOptions, DashboardDefinition } from "./dashboards/llmMonitoring";
export type { Widget } from "./dashboards/widgets";
export { exportDashboard } from "./dashboards/export";
export { loadConfig, ConfigError } from "./config/load";
export { UserInputError } from "./config/userError";
export type { DokuConfig } from "./config/load";
export { DEFAULT_IMAGES } from "./ingester/images";
