import type * as datadog from "@pulumi/datadog";

/** Resource arguments with every value known (no promises), as exportMonitor takes them. */
export type Plain<T> = { [K in keyof T]: Exclude<T[K], Promise<unknown>> };

const TOP: Record<string, string> = {
    name: "name",
    type: "type",
    query: "query",
    message: "message",
    tags: "tags",
    priority: "priority",
};
const OPTIONS: Record<string, string> = {
    notifyNoData: "notify_no_data",
    noDataTimeframe: "no_data_timeframe",
    renotifyInterval: "renotify_interval",
    includeTags: "include_tags",
    requireFullWindow: "require_full_window",
    newGroupDelay: "new_group_delay",
    evaluationDelay: "evaluation_delay",
};
const THRESHOLDS = ["critical", "warning", "ok", "criticalRecovery", "warningRecovery"];

/**
 * The Datadog API JSON (v1 `Monitor`) of a monitor's typed arguments, with
 * plain values. Fields it does not know throw rather than being dropped.
 */
export function exportMonitor(args: Plain<datadog.MonitorArgs> | Record<string, any>): Record<string, unknown> {
    const out: Record<string, any> = {};
    const options: Record<string, any> = {};
    for (const [key, value] of Object.entries(args)) {
        if (value === undefined) continue;
        if (
            typeof value === "object" &&
            value !== null &&
            typeof (value as any).apply === "function" &&
            !Array.isArray(value)
        ) {
            throw new Error(`exportMonitor: ${key} is a pulumi Output; export needs plain values`);
        }
        if (key === "priority") out.priority = Number(value);
        else if (key in TOP) out[TOP[key]] = value;
        else if (key in OPTIONS) options[OPTIONS[key]] = value;
        else if (key === "monitorThresholds") {
            const thresholds: Record<string, number> = {};
            for (const [t, v] of Object.entries(value as Record<string, string>)) {
                if (v === undefined) continue;
                if (!THRESHOLDS.includes(t)) throw new Error(`exportMonitor: unknown threshold ${JSON.stringify(t)}`);
                thresholds[t.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = Number(v);
            }
            options.thresholds = thresholds;
        } else {
            throw new Error(`exportMonitor: unknown field ${JSON.stringify(key)}; the exporter refuses to drop it`);
        }
    }
    return { ...out, options };
}
