import type * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../config/defaults";
import { CONFIG_KEYS } from "../config/keys";
import { fieldProblem } from "../config/problems";

/**
 * The LLM monitors: latency, spend (hourly and daily budgets), tokens per
 * request, and telemetry silence. Option names are the config keys' names,
 * so one set of rules serves `doku:` keys and component arguments.
 */
export interface LlmMonitorOptions {
    /** Average request duration (s) that warns. Default: 5. */
    readonly latencyWarningSeconds?: number;
    /** Average request duration (s) that alerts; the dashboard's red line. Default: 10. */
    readonly latencyCriticalSeconds?: number;
    /** Average total tokens per request that warns. Default: 800. */
    readonly tokensWarning?: number;
    /** Average total tokens per request that alerts; the dashboard's red line. Default: 1000. */
    readonly tokensCritical?: number;
    /** USD per application per hour; no hourly spend monitor when unset. Default: none. */
    readonly hourlyBudget?: number;
    /** USD per application per day; no daily spend monitor when unset. Default: none. */
    readonly dailyBudget?: number;
    /** Share of a budget at which its monitor warns. Default: 0.8. */
    readonly budgetWarningRatio?: number;
    /** Minutes without any request telemetry before the silence monitor alerts. Default: 30. */
    readonly silenceMinutes?: number;
    /** Notification handles, e.g. `@slack-llm-alerts`, `@pagerduty-ops`, `@sre@example.com`. Default: none. */
    readonly notify?: readonly string[];
    /** Minutes between re-notifications while alerting (0 = never). Default: 60. */
    readonly renotifyMinutes?: number;
    /** Monitor priority, 1 (highest) to 5. Default: 3. */
    readonly monitorPriority?: number;
}

export interface MonitorContext {
    /** The environment every query is scoped to and every monitor is tagged with. */
    readonly environment: string;
    /** Link to the dashboard, put in every message. */
    readonly dashboardUrl?: pulumi.Input<string>;
    /** Metric name prefix. Default: `doku.llm`. */
    readonly metricPrefix?: string;
}

export const MONITOR_DEFAULTS = {
    latencyWarningSeconds: 5,
    latencyCriticalSeconds: 10,
    tokensWarning: 800,
    tokensCritical: 1000,
    budgetWarningRatio: 0.8,
    silenceMinutes: 30,
    renotifyMinutes: 60,
    monitorPriority: 3,
} as const;

const FIELDS = [
    "latencyWarningSeconds", "latencyCriticalSeconds", "tokensWarning", "tokensCritical", "hourlyBudget", "dailyBudget",
    "budgetWarningRatio", "silenceMinutes", "notify", "renotifyMinutes", "monitorPriority",
] as const;

/** Each option against its config key's own rule; `prefix` is `doku:` or `args.`. */
export function monitorFieldProblems(options: LlmMonitorOptions, prefix: string): string[] {
    return FIELDS
        .map((field) => (options[field] === undefined ? undefined : fieldProblem(`${prefix}${field}`, options[field], CONFIG_KEYS[field].schema)))
        .filter((p): p is string => p !== undefined);
}

/** Rules across options: a warning must come before its alert. */
export function monitorRuleProblems(options: LlmMonitorOptions, prefix: string): string[] {
    const o = withDefaults(MONITOR_DEFAULTS, options);
    const problems: string[] = [];
    if (o.latencyWarningSeconds >= o.latencyCriticalSeconds) {
        problems.push(`${prefix}latencyWarningSeconds: got ${o.latencyWarningSeconds}; expected less than ${prefix}latencyCriticalSeconds (${o.latencyCriticalSeconds})`);
    }
    if (o.tokensWarning >= o.tokensCritical) {
        problems.push(`${prefix}tokensWarning: got ${o.tokensWarning}; expected less than ${prefix}tokensCritical (${o.tokensCritical})`);
    }
    if (o.hourlyBudget !== undefined && o.dailyBudget !== undefined && o.dailyBudget < o.hourlyBudget) {
        problems.push(`${prefix}dailyBudget: got ${o.dailyBudget}; expected at least ${prefix}hourlyBudget (${o.hourlyBudget})`);
    }
    return problems;
}

/** One monitor to create: a stable key for its resource name, and its typed arguments. */
export interface MonitorSpec {
    readonly key: string;
    readonly args: datadog.MonitorArgs;
}

const num = (n: number) => String(Number(n.toFixed(6)));

/** The monitors the options ask for, in a fixed order. */
export function llmMonitors(ctx: MonitorContext, options: LlmMonitorOptions = {}): MonitorSpec[] {
    const o = withDefaults(MONITOR_DEFAULTS, options);
    const env = ctx.environment;
    const prefix = ctx.metricPrefix ?? "doku.llm";
    const scope = `{environment:${env}}`;
    const byApp = " by {applicationname}";
    const handles = (o.notify ?? []).join(" ");
    const link = ctx.dashboardUrl === undefined
        ? pulumi.output("")
        : pulumi.interpolate`\nDashboard: ${ctx.dashboardUrl}?tpl_var_environment=${env}`;

    const message = (what: string, unit: string, warning: number, critical: number, lookAt: string) => [
        `{{#is_alert}}${what} for {{applicationname.name}} in ${env} is {{value}}${unit}, above ${num(critical)}${unit}.{{/is_alert}}`,
        `{{#is_warning}}${what} for {{applicationname.name}} in ${env} is {{value}}${unit}, above ${num(warning)}${unit}.{{/is_warning}}`,
        `{{#is_recovery}}${what} is back to normal.{{/is_recovery}}`,
        `Look at: ${lookAt}`,
    ].join("\n");
    const withFooter = (body: string) => link.apply((l) => `${body}${l}${handles === "" ? "" : `\n${handles}`}`);

    const common = (name: string, query: string, critical: number, warning: number | undefined, body: string): datadog.MonitorArgs => ({
        name: `[Doku] ${name} (${env})`,
        type: "query alert",
        query,
        message: withFooter(body),
        tags: ["service:doku", `env:${env}`],
        priority: String(o.monitorPriority),
        monitorThresholds: { critical: num(critical), ...(warning === undefined ? {} : { warning: num(warning) }) },
        notifyNoData: false,
        renotifyInterval: o.renotifyMinutes,
        includeTags: true,
        requireFullWindow: false,
    });

    /** A multi-alert by application whose query threshold is its critical threshold. */
    const perApplication = (key: string, name: string, timeAggregation: string, metric: string,
        levels: { warning: number; critical: number }, what: string, unit: string, lookAt: string): MonitorSpec => ({
        key,
        args: common(name,
            `${timeAggregation}:${prefix}.${metric}${scope}${byApp} > ${num(levels.critical)}`,
            levels.critical, levels.warning,
            message(what, unit, levels.warning, levels.critical, lookAt)),
    });

    const specs: MonitorSpec[] = [
        perApplication("request-duration", "LLM request duration high", "avg(last_5m):avg", "request.duration",
            { warning: o.latencyWarningSeconds, critical: o.latencyCriticalSeconds }, "Average LLM request duration", " s",
            "the Avg Request Duration and Requests widgets, then Avg Cost by Models for the model behind it"),
    ];
    for (const [key, budget, window, label, period] of [
        ["hourly-spend", o.hourlyBudget, "last_1h", "hourly", "hour"],
        ["daily-spend", o.dailyBudget, "last_1d", "daily", "day"],
    ] as const) {
        if (budget === undefined) continue;
        specs.push(perApplication(key, `LLM ${label} spend over budget`, `sum(${window}):sum`, "usage.cost",
            { warning: budget * o.budgetWarningRatio, critical: budget }, `LLM spend over the last ${period}`, " USD",
            "Usage cost by Application and Top Models by Usage, then the Prompt stream for runaway loops"));
    }
    specs.push(perApplication("tokens-per-request", "LLM tokens per request high", "avg(last_5m):avg", "total.tokens",
        { warning: o.tokensWarning, critical: o.tokensCritical }, "Average total tokens per request", " tokens",
        "Avg Prompt Tokens and Avg Completion Tokens, then the Prompt stream for oversized prompts"));
    const silence = o.silenceMinutes;
    specs.push({
        key: "telemetry-silence",
        args: {
            ...common("No LLM telemetry",
                `sum(last_${silence}m):count:${prefix}.request.duration${scope}.as_count() < 1`,
                1, undefined,
                [
                    // When telemetry stops, the monitor goes to No Data (notify_no_data), not Alert: its page
                    // shows the is_no_data block (docs.datadoghq.com/monitors/notify/variables: is_no_data
                    // "the monitor is triggered for missing data"; is_recovery also covers NO DATA -> OK).
                    `{{#is_no_data}}No LLM request telemetry from ${env} for ${silence} minutes: no ` +
                        `${prefix}.request.duration point reached Datadog.{{/is_no_data}}`,
                    `{{#is_alert}}No LLM request telemetry from ${env} for ${silence} minutes.{{/is_alert}}`,
                    `{{#is_recovery}}LLM telemetry from ${env} is flowing again.{{/is_recovery}}`,
                    "Look at: the ingester (is GET / answering 200?), its ClickHouse, and its Datadog connection (GET /api/connections); then the Requests widget",
                ].join("\n")),
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
