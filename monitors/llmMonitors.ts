import type * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../config/defaults";
import { CONFIG_KEYS } from "../config/keys";
import { fieldProblem } from "../config/problems";
import { MONITOR_DEFAULTS } from "../config/crossRules";
import { LlmMonitorOptions, MONITOR_OPTION_NAMES } from "../config/monitorArgs";
import { DOKU_SERVICE_TAG } from "../datadog/sites";

export type { LlmMonitorOptions } from "../config/monitorArgs";

/** What every monitor is scoped to and links to. */
export interface MonitorContext {
    /** The environment every query is scoped to and every monitor is tagged with. */
    readonly environment: string;
    /** Link to the dashboard, put in every message. */
    readonly dashboardUrl?: pulumi.Input<string>;
    /** Metric name prefix. Default: `doku.llm`. */
    readonly metricPrefix?: string;
}

/** The thresholds' defaults: the key table's (config/crossRules.ts reads them). */
export { MONITOR_DEFAULTS };

/** Each option against its config key's own rule; `prefix` is `doku:` or `args.`. */
export function monitorFieldProblems(options: LlmMonitorOptions, prefix: string): string[] {
    return MONITOR_OPTION_NAMES.map((field) =>
        options[field] === undefined
            ? undefined
            : fieldProblem(`${prefix}${field}`, options[field], CONFIG_KEYS[field].schema),
    ).filter((problem): problem is string => problem !== undefined);
}

/** One monitor to create: a stable key for its resource name, and its typed arguments. */
export interface MonitorSpec {
    readonly key: string;
    readonly args: datadog.MonitorArgs;
}

/** A threshold as the query and the message write it (at most 6 decimals, no trailing zeros). */
const shown = (threshold: number) => String(Number(threshold.toFixed(6)));

/** The monitors the options ask for, in a fixed order. */
export function llmMonitors(monitorContext: MonitorContext, options: LlmMonitorOptions = {}): MonitorSpec[] {
    const settings = withDefaults(MONITOR_DEFAULTS, options);
    const env = monitorContext.environment;
    const prefix = monitorContext.metricPrefix ?? "doku.llm";
    const scope = `{environment:${env}}`;
    const byApp = " by {applicationname}";
    const handles = (settings.notify ?? []).join(" ");
    const link =
        monitorContext.dashboardUrl === undefined
            ? pulumi.output("")
            : pulumi.interpolate`\nDashboard: ${monitorContext.dashboardUrl}?tpl_var_environment=${env}`;

    const message = (what: string, unit: string, warning: number, critical: number, lookAt: string) => {
        const current = `${what} for {{applicationname.name}} in ${env} is {{value}}${unit}`;
        return [
            `{{#is_alert}}${current}, above ${shown(critical)}${unit}.{{/is_alert}}`,
            `{{#is_warning}}${current}, above ${shown(warning)}${unit}.{{/is_warning}}`,
            `{{#is_recovery}}${what} is back to normal.{{/is_recovery}}`,
            `Look at: ${lookAt}`,
        ].join("\n");
    };
    const withFooter = (body: string) =>
        link.apply((dashboardLink) => `${body}${dashboardLink}${handles === "" ? "" : `\n${handles}`}`);

    const common = (
        name: string,
        query: string,
        critical: number,
        warning: number | undefined,
        body: string,
    ): datadog.MonitorArgs => ({
        name: `[Doku] ${name} (${env})`,
        type: "query alert",
        query,
        message: withFooter(body),
        tags: [DOKU_SERVICE_TAG, `env:${env}`],
        priority: String(settings.monitorPriority),
        monitorThresholds: { critical: shown(critical), ...(warning === undefined ? {} : { warning: shown(warning) }) },
        notifyNoData: false,
        renotifyInterval: settings.renotifyMinutes,
        includeTags: true,
        requireFullWindow: false,
    });

    /** A multi-alert by application whose query threshold is its critical threshold. */
    const perApplication = (
        key: string,
        name: string,
        timeAggregation: string,
        metric: string,
        levels: { warning: number; critical: number },
        what: string,
        unit: string,
        lookAt: string,
    ): MonitorSpec => ({
        key,
        args: common(
            name,
            `${timeAggregation}:${prefix}.${metric}${scope}${byApp} > ${shown(levels.critical)}`,
            levels.critical,
            levels.warning,
            message(what, unit, levels.warning, levels.critical, lookAt),
        ),
    });

    const specs: MonitorSpec[] = [
        perApplication(
            "request-duration",
            "LLM request duration high",
            "avg(last_5m):avg",
            "request.duration",
            { warning: settings.latencyWarningSeconds, critical: settings.latencyCriticalSeconds },
            "Average LLM request duration",
            " s",
            "the Avg Request Duration and Requests widgets, then Avg Cost by Models for the model behind it",
        ),
    ];
    for (const [key, budget, window, label, period] of [
        ["hourly-spend", settings.hourlyBudget, "last_1h", "hourly", "hour"],
        ["daily-spend", settings.dailyBudget, "last_1d", "daily", "day"],
    ] as const) {
        if (budget === undefined) continue;
        specs.push(
            perApplication(
                key,
                `LLM ${label} spend over budget`,
                `sum(${window}):sum`,
                "usage.cost",
                { warning: budget * settings.budgetWarningRatio, critical: budget },
                `LLM spend over the last ${period}`,
                " USD",
                "Usage cost by Application and Top Models by Usage, then the Prompt stream for runaway loops",
            ),
        );
    }
    specs.push(
        perApplication(
            "tokens-per-request",
            "LLM tokens per request high",
            "avg(last_5m):avg",
            "total.tokens",
            { warning: settings.tokensWarning, critical: settings.tokensCritical },
            "Average total tokens per request",
            " tokens",
            "Avg Prompt Tokens and Avg Completion Tokens, then the Prompt stream for oversized prompts",
        ),
    );
    const silence = settings.silenceMinutes;
    specs.push({
        key: "telemetry-silence",
        args: {
            ...common(
                "No LLM telemetry",
                `sum(last_${silence}m):count:${prefix}.request.duration${scope}.as_count() < 1`,
                1,
                undefined,
                [
                    // When telemetry stops, the monitor goes to No Data (notify_no_data), not Alert: its page
                    // shows the is_no_data block (docs.datadoghq.com/monitors/notify/variables: is_no_data
                    // "the monitor is triggered for missing data"; is_recovery also covers NO DATA -> OK).
                    `{{#is_no_data}}No LLM request telemetry from ${env} for ${silence} minutes: no ` +
                        `${prefix}.request.duration point reached Datadog.{{/is_no_data}}`,
                    `{{#is_alert}}No LLM request telemetry from ${env} for ${silence} minutes.{{/is_alert}}`,
                    `{{#is_recovery}}LLM telemetry from ${env} is flowing again.{{/is_recovery}}`,
                    "Look at: the ingester (is GET / answering 200?), its ClickHouse, and its Datadog connection " +
                        "(GET /api/connections); then the Requests widget",
                ].join("\n"),
            ),
            // Missing data is the alert: no point means no LLM call reached Datadog. With notify_no_data the
            // monitor notifies once data has stopped for no_data_timeframe minutes
            // (DataDog/terraform-provider-datadog, datadog/resource_datadog_monitor.go: notify_no_data "whether
            // this monitor will notify when data stops reporting", no_data_timeframe "the number of minutes
            // before a monitor will notify when data stops reporting"); the state it notifies in is No Data,
            // hence the is_no_data block above.
            notifyNoData: true,
            noDataTimeframe: silence,
        },
    });
    return specs;
}
