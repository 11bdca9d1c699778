/**
 * @file The monitors' options, in the bottom layer so that the config loader maps the `doku:` keys onto
 * them without importing the monitors module (which re-exports them). Defaults: the key table's.
 */

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
    readonly notify?: string[];
    /** Minutes between re-notifications while alerting (0 = never). Default: 60. */
    readonly renotifyMinutes?: number;
    /** Monitor priority, 1 (highest) to 5. Default: 3. */
    readonly monitorPriority?: number;
}

/** Every option of `LlmMonitorOptions`, once: the `satisfies` keeps the list equal to the interface's keys. */
export const MONITOR_OPTION_NAMES = Object.keys({
    latencyWarningSeconds: true,
    latencyCriticalSeconds: true,
    tokensWarning: true,
    tokensCritical: true,
    hourlyBudget: true,
    dailyBudget: true,
    budgetWarningRatio: true,
    silenceMinutes: true,
    notify: true,
    renotifyMinutes: true,
    monitorPriority: true,
} satisfies Record<keyof LlmMonitorOptions, true>) as (keyof LlmMonitorOptions)[];
