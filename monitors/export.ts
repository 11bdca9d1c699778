import type * as datadog from "@pulumi/datadog";

/** Resource arguments with every value known (no promises), as exportMonitor takes them. */
export type Plain<T> = { [K in keyof T]: Exclude<T[K], Promise<unknown>> };

/** The top-level fields the exporter knows: typed name → API name. */
const TOP: Record<string, string> = {
    name: "name",
    type: "type",
    query: "query",
    message: "message",
    tags: "tags",
    priority: "priority",
};
/** The fields the API holds under `options`: typed name → API name. */
const OPTIONS: Record<string, string> = {
    notifyNoData: "notify_no_data",
    noDataTimeframe: "no_data_timeframe",
    renotifyInterval: "renotify_interval",
    includeTags: "include_tags",
    requireFullWindow: "require_full_window",
    newGroupDelay: "new_group_delay",
    evaluationDelay: "evaluation_delay",
};
/** The threshold names `monitorThresholds` may hold (typed names; the API's are snake_case). */
const THRESHOLDS = ["critical", "warning", "ok", "criticalRecovery", "warningRecovery"];

/**
 * The Datadog API JSON (v1 `Monitor`) of a monitor's typed arguments, with
 * plain values. Fields it does not know throw rather than being dropped.
 */
export function exportMonitor(
    args: Plain<datadog.MonitorArgs> | Readonly<Record<string, unknown>>,
): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const options: Record<string, unknown> = {};
    const fields: [string, unknown][] = Object.entries(args);
    for (const [key, value] of fields) {
        if (value === undefined) continue;
        if (
            typeof value === "object" &&
            value !== null &&
            "apply" in value &&
            typeof value.apply === "function" &&
            !Array.isArray(value)
        ) {
            throw new Error(`exportMonitor: ${key} is a pulumi Output; export needs plain values`);
        }
        if (key === "priority") out.priority = Number(value);
        else if (key in TOP) out[TOP[key]] = value;
        else if (key in OPTIONS) options[OPTIONS[key]] = value;
        else if (key === "monitorThresholds") {
            const thresholds: Record<string, number> = {};
            const levels: [string, unknown][] = Object.entries(value as object);
            for (const [level, threshold] of levels) {
                if (threshold === undefined) continue;
                if (!THRESHOLDS.includes(level)) {
                    throw new Error(`exportMonitor: unknown threshold ${JSON.stringify(level)}`);
                }
                thresholds[level.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`)] = Number(threshold);
            }
            options.thresholds = thresholds;
        } else {
            throw new Error(`exportMonitor: unknown field ${JSON.stringify(key)}; the exporter refuses to drop it`);
        }
    }
    return { ...out, options };
}
