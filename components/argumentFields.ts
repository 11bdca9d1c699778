/**
 * @file The known fields of the argument interfaces defined in config/ (one list per interface, kept equal to
 * its keys by the compiler through FieldsOf), and how argumentShape.ts checks each. The components' own
 * interfaces list theirs next to them.
 */
import { LlmMonitorOptions, MONITOR_OPTION_NAMES } from "../config/monitorArgs";
import type {
    ClickHouseArgs,
    DockerTargetArgs,
    IngesterDeploymentArgs,
    IngesterImagesArgs,
    IngressArgs,
    KubernetesTargetArgs,
} from "../config/ingesterArgs";
import type { DokuMonitorsArgs, DokuObservabilityArgs } from "../config/observabilityArgs";
import type { FieldsOf } from "./argumentShape";

const CLICKHOUSE_FIELDS: FieldsOf<ClickHouseArgs> = {
    host: "value",
    port: "value",
    httpPort: "value",
    database: "value",
    user: "value",
    password: "value",
};

const IMAGES_FIELDS: FieldsOf<IngesterImagesArgs> = { ingester: "value", clickhouse: "value", ui: "value" };

const DOCKER_FIELDS: FieldsOf<DockerTargetArgs> = {
    host: "value",
    ingesterHostPort: "value",
    clickhouseHostPort: "value",
    uiHostPort: "value",
    publishAddress: "value",
    retainVolumes: "value",
};

const INGRESS_FIELDS: FieldsOf<IngressArgs> = {
    host: "value",
    className: "value",
    tlsSecret: "value",
    annotations: "value",
};

/** The passthrough fields go to the pod spec as they are: their shape is checked here, as their types say. */
const KUBERNETES_FIELDS: FieldsOf<KubernetesTargetArgs> = {
    resources: "object",
    clickhouseResources: "object",
    uiResources: "object",
    nodeSelector: "stringMap",
    tolerations: "array",
    affinity: "object",
    imagePullSecrets: "stringArray",
    namespace: "value",
    createNamespace: "value",
    replicas: "value",
    serviceType: "value",
    ingress: INGRESS_FIELDS,
    managementUrl: "value",
    skipAwait: "value",
    // Its key's schema (doku:kubernetesAwaitTimeouts) names an unknown kind itself.
    awaitTimeoutMinutes: "value",
    storageClass: "value",
    storageSize: "value",
    uiStorageSize: "value",
    podSecurityLevel: "value",
};

/** DokuIngester's fields (and DokuObservability's ingester fields). */
export const INGESTER_FIELDS: FieldsOf<IngesterDeploymentArgs> = {
    target: "value",
    ingesterUrl: "value",
    clickhouse: CLICKHOUSE_FIELDS,
    retentionPeriod: "value",
    pricingUrl: "value",
    ui: "value",
    images: IMAGES_FIELDS,
    docker: DOCKER_FIELDS,
    kubernetes: KUBERNETES_FIELDS,
};

/** The monitors' options (LlmMonitors, and DokuObservability's `monitors`). */
export const MONITOR_OPTION_FIELDS = Object.fromEntries(
    MONITOR_OPTION_NAMES.map((option) => [option, "value"]),
) as FieldsOf<LlmMonitorOptions>;

const MONITORS_FIELDS: FieldsOf<DokuMonitorsArgs> = {
    ...MONITOR_OPTION_FIELDS,
    enabled: "value",
    dashboardSummary: "value",
};

/** DokuObservability's fields. The dashboard's options are checked (unknown ones too) by validateOptions. */
export const OBSERVABILITY_FIELDS: FieldsOf<DokuObservabilityArgs> = {
    ...INGESTER_FIELDS,
    environment: "value",
    allowPlainHttp: "value",
    apiKey: "value",
    apiKeyName: "value",
    datadogSite: "value",
    datadogApiKey: "value",
    datadogAppKey: "value",
    metricMetadata: "value",
    dashboard: "object",
    monitors: MONITORS_FIELDS,
};
