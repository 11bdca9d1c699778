import type * as datadog from "@pulumi/datadog";
import { z } from "zod";
import {
    Scope, Widget, costSunburst, image, layout, logStream, metric, monitorSummary, queryValue, redAbove, timeseries, tintAboveZero,
    toplist,
} from "./widgets";

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
    readonly extraTemplateVariables?: readonly string[];
    /** Value a template variable opens on, e.g. `{ environment: "prod" }`. Default: `*` for each. */
    readonly templateVariableDefaults?: Readonly<Record<string, string>>;
    /** Handles notified when the dashboard changes. Default: none. */
    readonly notifyList?: readonly string[];
    /**
     * A monitor summary widget after the reference widgets, listing the
     * monitors this search finds (e.g. `tag:"service:doku" tag:"env:prod"`).
     * Default: none (the dashboard equals the reference).
     */
    readonly monitorSummaryQuery?: string;
}

export const REFERENCE = {
    title: "Doku - LLM Monitoring",
    description: "Dashboard to monitor LLM Applications using Doku",
    logoUrl: "https://github.com/dokulabs/.github/blob/main/profile/assets/favicon.png?raw=true",
    hostTag: "doku",
    metricPrefix: "doku.llm",
    requestDurationThreshold: 10,
    tokenThreshold: 1000,
    topModels: 5,
    variables: ["applicationname", "environment"],
} as const;

/** The typed definition: `datadog.DashboardArgs` with plain values. */
export type DashboardDefinition = datadog.DashboardArgs & {
    widgets: Widget[];
    templateVariables: datadog.types.input.DashboardTemplateVariable[];
};

/** Every problem with the options, each naming the option, the bad value and what is expected. */
export function validateOptions(options: LlmMonitoringOptions, argPrefix = "options"): string[] {
    const tag = z.string().regex(/^[a-z][a-z0-9_./-]{0,199}$/, "expected a lower-case Datadog tag key such as model");
    const schema = z.object({
        title: z.string().min(1, "expected a non-empty title").max(200, "expected at most 200 characters"),
        description: z.string().max(4000, "expected at most 4000 characters"),
        logoUrl: z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }),
        hostTag: z.string().regex(/^[a-z0-9][a-z0-9_.:/-]*$/, "expected a host tag value such as doku"),
        metricPrefix: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "expected a metric prefix such as doku.llm"),
        requestDurationThreshold: z.number().positive("expected a number greater than 0"),
        tokenThreshold: z.number().positive("expected a number greater than 0"),
        topModels: z.number().int("expected an integer from 1 to 100").min(1, "expected an integer from 1 to 100").max(100, "expected an integer from 1 to 100"),
        extraTemplateVariables: z.array(tag)
            .refine((a) => new Set(a).size === a.length, "expected no repeated names")
            .refine((a) => !a.some((v) => (REFERENCE.variables as readonly string[]).includes(v)), "expected names other than applicationname and environment"),
        templateVariableDefaults: z.record(z.string(), z.string().min(1, "expected a non-empty value")),
        notifyList: z.array(z.string().min(1, "expected a non-empty handle")),
        monitorSummaryQuery: z.string().min(1, "expected a monitor search such as tag:\"service:doku\""),
    }).partial().strict();
    const result = schema.safeParse(options);
    const problems = result.success ? [] : result.error.issues.map((i) => {
        const path = i.path.map(String);
        const value = path.reduce<any>((v, k) => (v === undefined ? v : v[k]), options);
        const field = i.code === "unrecognized_keys" ? `${argPrefix}.${i.keys.join(", ")}` : `${argPrefix}.${path.join(".")}`;
        return i.code === "unrecognized_keys" ? `${field}: unknown option` : `${field}: got ${JSON.stringify(value)}; ${i.message}`;
    });
    const variables = [...new Set([...REFERENCE.variables, ...(options.extraTemplateVariables ?? [])])];
    for (const name of Object.keys(options.templateVariableDefaults ?? {})) {
        if (!variables.includes(name)) {
            problems.push(`${argPrefix}.templateVariableDefaults: got a default for ${JSON.stringify(name)}; expected one of ${variables.join(", ")}`);
        }
    }
    return problems;
}

/** Builds the dashboard; throws with every problem when the options are invalid. */
export function llmMonitoringDashboard(options: LlmMonitoringOptions = {}): DashboardDefinition {
    const problems = validateOptions(options);
    if (problems.length) throw new Error(`Invalid dashboard options:\n${problems.map((p) => `  - ${p}`).join("\n")}`);

    const variables = [...REFERENCE.variables, ...(options.extraTemplateVariables ?? [])];
    const scope: Scope = {
        hostTag: options.hostTag ?? REFERENCE.hostTag,
        metricPrefix: options.metricPrefix ?? REFERENCE.metricPrefix,
        variables,
    };
    const duration = options.requestDurationThreshold ?? REFERENCE.requestDurationThreshold;
    const tokens = options.tokenThreshold ?? REFERENCE.tokenThreshold;
    const m = (agg: "avg" | "sum" | "count", name: string, by?: string) => metric(scope, agg, name, by);
    const logFilter = (...terms: string[]) => [`host:${scope.hostTag}`, ...terms, ...variables.slice(2).map((v) => `$${v}`)].join(" ");
    const costBy = (title: string, by: string, agg: "avg" | "sum", x: number) =>
        costSunburst(title, m("sum", "usage.cost", by), agg, layout(x, 6, 3, 3));

    const widgets: Widget[] = [
        image(options.logoUrl ?? REFERENCE.logoUrl, layout(0, 0, 12, 1)),
        queryValue({ title: "Avg Request Duration", query: m("avg", "request.duration"), aggregator: "avg", unit: "second",
            conditionalFormats: redAbove(duration), background: { type: "area", includeZero: false } }, layout(0, 1, 3, 2)),
        queryValue({ title: "Avg Total Tokens", query: m("avg", "total.tokens"), aggregator: "avg",
            conditionalFormats: redAbove(tokens), background: { type: "area" } }, layout(3, 1, 3, 2)),
        queryValue({ title: "Avg Cost / Request", query: m("avg", "usage.cost"), aggregator: "max", unit: "dollar",
            conditionalFormats: tintAboveZero("#5c7cff"), background: { type: "area", includeZero: true } }, layout(6, 1, 3, 2)),
        queryValue({ title: "Total Cost", query: m("sum", "usage.cost"), aggregator: "avg", unit: "dollar",
            background: { type: "bars" } }, layout(9, 1, 3, 2)),
        timeseries({ title: "Requests", queries: [m("count", "request.duration")], showLegend: false, legendLayout: "auto",
            palette: "blue" }, layout(0, 3, 12, 3)),
        costBy("Usage cost by Category", "generation", "avg", 0),
        costBy("Usage cost by Platform", "platform", "avg", 3),
        costBy("Usage cost by Application", "applicationname", "sum", 6),
        costBy("Usage cost by Environment", "environment", "avg", 9),
        queryValue({ title: "Avg Prompt Tokens", query: m("avg", "prompt.tokens"), aggregator: "avg",
            conditionalFormats: redAbove(tokens), background: { type: "area" } }, layout(0, 9, 4, 1)),
        timeseries({ title: "Avg Token Usage", queries: [m("avg", "prompt.tokens"), m("avg", "completion.tokens")],
            showLegend: true, legendLayout: "auto", palette: "dog_classic" }, layout(4, 9, 8, 2)),
        queryValue({ title: "Avg Completion Tokens", query: m("avg", "completion.tokens"), aggregator: "avg",
            conditionalFormats: redAbove(tokens), background: { type: "area" } }, layout(0, 10, 4, 1)),
        toplist("Top Models by Usage", m("sum", "usage.cost", "model"), "dollar", options.topModels ?? REFERENCE.topModels,
            layout(0, 11, 4, 3)),
        timeseries({ title: "Avg Cost by Models", queries: [m("avg", "usage.cost", "model")], unit: "dollar", showLegend: true,
            legendLayout: "horizontal", palette: "dog_classic" }, layout(4, 11, 8, 3)),
        // The reference orders these filters differently; kept as published.
        logStream("Prompt", logFilter("type:prompt", "$applicationname", "$environment"), layout(0, 14, 6, 5)),
        logStream("Response", logFilter("$applicationname", "type:(response OR image)", "$environment"), layout(6, 14, 6, 5)),
    ];
    if (options.monitorSummaryQuery !== undefined) {
        widgets.push(monitorSummary("LLM Monitors", options.monitorSummaryQuery, layout(0, 19, 12, 4)));
    }

    return {
        title: options.title ?? REFERENCE.title,
        description: options.description ?? REFERENCE.description,
        widgets,
        templateVariables: variables.map((name) => ({
            name,
            prefix: name,
            availableValues: [],
            default: options.templateVariableDefaults?.[name] ?? "*",
        })),
        layoutType: "ordered",
        notifyLists: [...(options.notifyList ?? [])],
        reflowType: "fixed",
    };
}
