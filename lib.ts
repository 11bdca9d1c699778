/**
 * @file The library entry: what another Pulumi program imports from pulumi-doku.
 * (index.ts is this repository's own Pulumi program.) It loads no optional SDK
 * (@pulumi/docker, @pulumi/kubernetes): the target's SDK loads when a DokuIngester uses it.
 */
export { DokuObservability, stackDashboardOptions } from "./components/dokuObservability";
export type { DokuObservabilityArgs, DokuMonitorsArgs } from "./components/dokuObservability";
export { DokuIngester } from "./components/dokuIngester";
export type { DokuIngesterArgs } from "./components/dokuIngester";
export { IngesterTarget } from "./config/keySpec";
export type {
    ClickHouseArgs,
    DockerTargetArgs,
    IngesterDeploymentArgs,
    IngesterImagesArgs,
    IngressArgs,
    KubernetesAwaitTimeouts,
    KubernetesPassthrough,
    KubernetesTargetArgs,
} from "./config/ingesterArgs";
export type {
    ResourceRequirements,
    ResourceClaim,
    Toleration,
    Affinity,
    NodeAffinity,
    PreferredSchedulingTerm,
    NodeSelector,
    NodeSelectorTerm,
    NodeSelectorRequirement,
    PodAffinity,
    PodAntiAffinity,
    WeightedPodAffinityTerm,
    PodAffinityTerm,
    LabelSelector,
    LabelSelectorRequirement,
} from "./config/kubernetesTypes";
export { KUBERNETES_AWAIT_KINDS, KubernetesAwaitKind } from "./components/ingesterValidation";
export { KubernetesServiceType, PodSecurityLevel } from "./config/kubernetesKeys";
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
export { MONITOR_DEFAULTS } from "./monitors/llmMonitors";
export type { LlmMonitorOptions } from "./monitors/llmMonitors";
export { DokuClient, DokuApiError, PLATFORMS } from "./ingester/client";
export type { DokuClientOptions, ConnectionSpec, StoredConnection, Platform, IngesterHealth } from "./ingester/client";
export type { RawResponse, ErrorKind } from "./ingester/api";
export type { NetworkKind } from "./ingester/transport";
export { DokuConnection, dokuConnectionProvider } from "./ingester/connectionProvider";
export type { DokuConnectionArgs, DokuConnectionInputs } from "./ingester/connectionProvider";
export { DokuApiKey, dokuApiKeyProvider } from "./ingester/apiKeyProvider";
export type { DokuApiKeyArgs, DokuApiKeyInputs } from "./ingester/apiKeyProvider";
export {
    DATADOG_SITES,
    DatadogSite,
    DOKU_SERVICE_TAG,
    datadogApiUrl,
    datadogIntakeUrls,
    dashboardUrl,
    appHost,
} from "./datadog/sites";
export type { DatadogIntakeUrls } from "./datadog/sites";
export { llmMonitoringDashboard, REFERENCE } from "./dashboards/llmMonitoring";
export type { LlmMonitoringOptions, DashboardDefinition } from "./dashboards/llmMonitoring";
export type { Widget } from "./dashboards/widgets";
export { exportDashboard } from "./dashboards/export";
export { loadConfig } from "./config/load";
export type { DokuConfig } from "./config/load";
export { UserInputError, ConfigError, InvalidArgumentsError } from "./config/userError";
export type { InvalidProperty } from "./config/userError";
export { CONFIG_DEFAULTS } from "./config/defaults";
export type { ConfigDefaults, KeyWithDefault } from "./config/defaults";
export { DEFAULT_IMAGES } from "./ingester/images";
