/**
 * @file Example: the ingester and its ClickHouse on your Kubernetes cluster, through
 * your own Kubernetes provider, with its Datadog connection and the dashboard.
 * Compiled with the strictest settings (tsconfig.json) by the package test.
 *
 *   npm install @pulumi/kubernetes    (an optional peer of pulumi-doku: only target kubernetes needs it)
 *   pulumi config set kubeContext <a context of your kubeconfig>
 *   pulumi config set managementUrl http://localhost:9044   (e.g. through kubectl port-forward)
 *   pulumi config set --secret datadogApiKey <your Datadog API key>
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    DatadogConnection,
    DokuApiKey,
    DokuIngester,
    DokuIngesterArgs,
    KubernetesPassthrough,
    LlmMonitoringDashboard,
} from "pulumi-doku";

const config = new pulumi.Config();
const cluster = new k8s.Provider("cluster", { context: config.require("kubeContext") });

// Scheduling settings typed by @pulumi/kubernetes, passed through to every pod.
const scheduling: KubernetesPassthrough = {
    resources: { requests: { cpu: "200m", memory: "256Mi" } },
    tolerations: [{ key: "dedicated", operator: "Equal", value: "observability", effect: "NoSchedule" }],
};

const args: DokuIngesterArgs = {
    target: "kubernetes",
    kubernetes: { ...scheduling, namespace: "doku", managementUrl: config.require("managementUrl") },
};
const ingester = new DokuIngester("doku", args, { providers: [cluster] });

// managementUrl is reached only once the ingester is ready, so the key is created after it.
const apiKey = new DokuApiKey("doku-key", { ingesterUrl: ingester.managementUrl, name: "datadog-connection" });

const connection = new DatadogConnection("doku-datadog", {
    ingesterUrl: ingester.managementUrl,
    dokuApiKey: apiKey.key,
    datadogApiKey: config.requireSecret("datadogApiKey"),
});

const dashboard = new LlmMonitoringDashboard("llm-monitoring", {});

export const ingesterUrl = ingester.url;
export const metricsUrl = connection.metricsUrl;
export const dashboardUrl = dashboard.dashboardUrl;
