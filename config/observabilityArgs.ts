/**
 * @file The arguments of DokuObservability, the one-call component: what `loadConfig()` returns from the
 * `doku:` keys, and what a library user passes directly. In the bottom layer so that the loader needs no
 * component. Every default is the key table's (keys.ts); the component applies them.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DatadogSite } from "../datadog/sites";
import type { LlmMonitoringOptions } from "./dashboardArgs";
import type { IngesterDeploymentArgs } from "./ingesterArgs";
import type { LlmMonitorOptions } from "./monitorArgs";

/** The monitors of DokuObservability: whether to create them, and each monitor's options. */
export interface DokuMonitorsArgs extends LlmMonitorOptions {
    /** Create the LLM monitors (latency, spend, tokens, silence). Default: true. */
    readonly enabled?: boolean;
    /** With monitors on, add a monitor summary widget after the reference widgets. Default: true. */
    readonly dashboardSummary?: boolean;
}

/**
 * Arguments of `DokuObservability`. Only `datadogApiKey` is always required; `datadogAppKey` is required
 * unless the component is given its own datadog provider (the `provider`/`providers` options, or inherited).
 * The ingester fields (`target`, `ingesterUrl`, `clickhouse`, `docker`, `kubernetes`, …) are DokuIngester's.
 */
export interface DokuObservabilityArgs extends IngesterDeploymentArgs {
    /**
     * Environment name: the monitors' scope (`environment:<name>`), their tag (`env:<name>`), the dashboard's
     * title and `environment` template variable. Default: the stack name.
     */
    readonly environment?: string;
    /**
     * Allow the Datadog API key and the Doku API key to be sent over plain HTTP to another machine (an `http://`
     * management URL that is not loopback: an Ingress without TLS, a LoadBalancer, a remote Docker host, an
     * `http://` ingester URL); each preview then warns with "plain HTTP". Default: false (refused).
     */
    readonly allowPlainHttp?: boolean;
    /** A Doku API key (secret) to adopt. Default: none, one is bootstrapped through the ingester's rule. */
    readonly apiKey?: pulumi.Input<string>;
    /** Name of the Doku API key bootstrapped when `apiKey` is absent. Default: `pulumi`. */
    readonly apiKeyName?: string;
    /** Datadog site; drives every Datadog URL and the Datadog provider's API URL. Default: `datadoghq.com`. */
    readonly datadogSite?: DatadogSite;
    /** Datadog API key (secret): the ingester sends telemetry with it, and the Datadog provider uses it. Required. */
    readonly datadogApiKey: pulumi.Input<string>;
    /**
     * Datadog application key (secret) for the Datadog provider this component creates. Required unless the
     * component is given a datadog provider. Default: none.
     */
    readonly datadogAppKey?: pulumi.Input<string>;
    /**
     * Create the metric metadata (units) of the `doku.llm.*` metrics; turn it on once telemetry flows (Datadog
     * answers 404 for a metric it has never received). Default: false.
     */
    readonly metricMetadata?: boolean;
    /**
     * The dashboard's options. Default: the title names the environment, the `environment` variable opens on
     * it, and the red lines are the monitors' critical thresholds.
     */
    readonly dashboard?: LlmMonitoringOptions;
    /** The monitors. Default: on, with the key table's thresholds and a summary widget on the dashboard. */
    readonly monitors?: DokuMonitorsArgs;
}
