/**
 * @file The dashboard's options, in the bottom layer so that the config loader maps the `doku:` keys onto
 * them without importing the dashboards module (which re-exports them).
 */

/**
 * Options of the "Doku - LLM Monitoring" dashboard. Plain values (not
 * Inputs): they decide the dashboard's shape and are validated before
 * anything is registered. Every default is the reference dashboard's value.
 */
export interface LlmMonitoringOptions {
    /** Dashboard title. Default: `Doku - LLM Monitoring`. */
    readonly title?: string;
    /** Dashboard description. Default: `Dashboard to monitor LLM Applications using Doku`. */
    readonly description?: string;
    /** Header image. Default: the Doku favicon on GitHub. */
    readonly logoUrl?: string;
    /** Host tag the ingester sends with every metric and log. Default: `doku`. */
    readonly hostTag?: string;
    /** Metric name prefix. Default: `doku.llm`. */
    readonly metricPrefix?: string;
    /** Seconds above which request duration turns red. Default: 10. */
    readonly requestDurationThreshold?: number;
    /** Tokens above which token counts turn red. Default: 1000. */
    readonly tokenThreshold?: number;
    /** Models in the Top Models toplist. Default: 5. */
    readonly topModels?: number;
    /** Template variables after `applicationname` and `environment`, e.g. `["model"]`. Default: none. */
    readonly extraTemplateVariables?: string[];
    /** Value a template variable opens on, e.g. `{ environment: "prod" }`. Default: `*` for each. */
    readonly templateVariableDefaults?: Record<string, string>;
    /** Handles notified when the dashboard changes. Default: none. */
    readonly notifyList?: string[];
    /**
     * A monitor summary widget after the reference widgets, listing the
     * monitors this search finds (e.g. `tag:"service:doku" tag:"env:prod"`).
     * Default: none (the dashboard equals the reference).
     */
    readonly monitorSummaryQuery?: string;
}
