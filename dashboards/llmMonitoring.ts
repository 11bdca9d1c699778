import type * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { LlmMonitoringOptions } from "../config/dashboardArgs";
import { CONFIG_DEFAULTS } from "../config/defaults";
import { CONFIG_KEYS } from "../config/keys";
import { httpUrl } from "../config/schemas";
import { Schema, elementLabel, expectedText, outputProblem, showValue } from "../config/problems";
import { closest } from "../config/suggest";
import { UserInputError } from "../config/userError";
import { REFERENCE_VARIABLES, argumentNaming, templateVariableProblems } from "../config/crossRules";
import {
    Scope,
    Widget,
    costSunburst,
    image,
    layout,
    logStream,
    metric,
    monitorSummary,
    queryValue,
    redAbove,
    timeseries,
    tintAboveZero,
    toplist,
} from "./widgets";

export type { LlmMonitoringOptions } from "../config/dashboardArgs";

/**
 * The reference dashboard's values (doku-ingester.md's published dashboard, test/fixtures). Its red lines
 * are the monitors' critical thresholds and its toplist size is `doku:topModels`'s default, read from the
 * key table (one home; test/dashboard.test.ts checks the result against the published dashboard).
 */
export const REFERENCE = {
    title: "Doku - LLM Monitoring",
    description: "Dashboard to monitor LLM Applications using Doku",
    logoUrl: "https://github.com/dokulabs/.github/blob/main/profile/assets/favicon.png?raw=true",
    hostTag: "doku",
    metricPrefix: "doku.llm",
    requestDurationThreshold: CONFIG_DEFAULTS.latencyCriticalSeconds,
    tokenThreshold: CONFIG_DEFAULTS.tokensCritical,
    topModels: CONFIG_DEFAULTS.topModels,
    variables: REFERENCE_VARIABLES,
} as const;

/** The typed definition: `datadog.DashboardArgs` with plain values. */
export type DashboardDefinition = datadog.DashboardArgs & {
    widgets: Widget[];
    templateVariables: datadog.types.input.DashboardTemplateVariable[];
};

/** The value at `path` inside `options`, or undefined. */
function valueAt(options: object, path: readonly string[]): unknown {
    return path.reduce<unknown>(
        (parent, key) =>
            typeof parent === "object" && parent !== null ? (parent as Record<string, unknown>)[key] : undefined,
        options,
    );
}

/** Every problem with the options, each naming the option (`<argPrefix>.<name>`), the value and what is expected. */
export function validateOptions(options: LlmMonitoringOptions, argPrefix = "options"): string[] {
    if (
        typeof options !== "object" ||
        options === null ||
        Array.isArray(options) ||
        pulumi.Output.isInstance(options)
    ) {
        return [`${argPrefix}: got ${showValue(options)}; expected an object`];
    }
    // The option names, once: `satisfies` keeps them equal to LlmMonitoringOptions' keys.
    const shape = {
        title: CONFIG_KEYS.dashboardTitle.schema,
        description: z.string().max(4000, "expected at most 4000 characters"),
        logoUrl: httpUrl,
        hostTag: z.string().regex(/^[a-z0-9][a-z0-9_.:/-]*$/, "expected a host tag value such as doku"),
        metricPrefix: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "expected a metric prefix such as doku.llm"),
        requestDurationThreshold: z.number().positive("expected a number greater than 0"),
        tokenThreshold: z.number().positive("expected a number greater than 0"),
        topModels: CONFIG_KEYS.topModels.schema,
        extraTemplateVariables: CONFIG_KEYS.extraTemplateVariables.schema,
        templateVariableDefaults: z.record(z.string(), z.string().min(1, "expected a non-empty value")),
        notifyList: z.array(z.string().min(1, "expected a non-empty handle")),
        monitorSummaryQuery: z.string().min(1, 'expected a monitor search such as tag:"service:doku"'),
    } satisfies Record<keyof LlmMonitoringOptions, Schema>;
    const known = Object.keys(shape);
    const result = z.object(shape).partial().strict().safeParse(options);
    // An Output breaks each of a field's checks: it is reported once.
    const problems = result.success
        ? []
        : result.error.issues.flatMap((issue) => {
              if (issue.code === "unrecognized_keys") {
                  return issue.keys.map((key) => {
                      const hint = closest(key, known);
                      return `${argPrefix}.${key}: unknown option${hint ? `; did you mean ${argPrefix}.${hint}?` : ""}`;
                  });
              }
              const path = issue.path.map(String);
              const label = elementLabel(argPrefix, issue.path);
              const value = valueAt(options, path);
              if (pulumi.Output.isInstance(value)) return [outputProblem(label, shape[path[0] as keyof typeof shape])];
              return [`${label}: got ${showValue(value)}; ${expectedText(issue)}`];
          });
    const reported = [...new Set(problems)];
    // The rule across the two reads both: it is not judged while either is itself invalid.
    const invalid = new Set(result.success ? [] : result.error.issues.map((issue) => String(issue.path[0])));
    if (invalid.has("extraTemplateVariables") || invalid.has("templateVariableDefaults")) return reported;
    reported.push(
        ...templateVariableProblems(
            {
                extraTemplateVariables: options.extraTemplateVariables,
                templateVariableDefaults: options.templateVariableDefaults,
            },
            argumentNaming("dashboard.", argPrefix),
        ),
    );
    return reported;
}

/** Builds the dashboard; throws with every problem when the options are invalid. */
export function llmMonitoringDashboard(options: LlmMonitoringOptions = {}): DashboardDefinition {
    const problems = validateOptions(options);
    if (problems.length) {
        const lines = problems.map((problem) => `  - ${problem}`);
        throw new UserInputError(`Invalid dashboard options:\n${lines.join("\n")}`);
    }

    const variables = [...REFERENCE.variables, ...(options.extraTemplateVariables ?? [])];
    const scope: Scope = {
        hostTag: options.hostTag ?? REFERENCE.hostTag,
        metricPrefix: options.metricPrefix ?? REFERENCE.metricPrefix,
        variables,
    };
    const duration = options.requestDurationThreshold ?? REFERENCE.requestDurationThreshold;
    const tokens = options.tokenThreshold ?? REFERENCE.tokenThreshold;
    const scopedMetric = (aggregation: "avg" | "sum" | "count", name: string, by?: string) =>
        metric(scope, aggregation, name, by);
    const logFilter = (...terms: string[]) =>
        [`host:${scope.hostTag}`, ...terms, ...variables.slice(2).map((variable) => `$${variable}`)].join(" ");
    const costBy = (title: string, by: string, aggregator: "avg" | "sum", x: number) =>
        costSunburst(title, scopedMetric("sum", "usage.cost", by), aggregator, layout(x, 6, 3, 3));

    const widgets: Widget[] = [
        image(options.logoUrl ?? REFERENCE.logoUrl, layout(0, 0, 12, 1)),
        queryValue(
            {
                title: "Avg Request Duration",
                query: scopedMetric("avg", "request.duration"),
                aggregator: "avg",
                unit: "second",
                conditionalFormats: redAbove(duration),
                background: { type: "area", includeZero: false },
            },
            layout(0, 1, 3, 2),
        ),
        queryValue(
            {
                title: "Avg Total Tokens",
                query: scopedMetric("avg", "total.tokens"),
                aggregator: "avg",
                conditionalFormats: redAbove(tokens),
                background: { type: "area" },
            },
            layout(3, 1, 3, 2),
        ),
        queryValue(
            {
                title: "Avg Cost / Request",
                query: scopedMetric("avg", "usage.cost"),
                aggregator: "max",
                unit: "dollar",
                conditionalFormats: tintAboveZero("#5c7cff"),
                background: { type: "area", includeZero: true },
            },
            layout(6, 1, 3, 2),
        ),
        queryValue(
            {
                title: "Total Cost",
                query: scopedMetric("sum", "usage.cost"),
                aggregator: "avg",
                unit: "dollar",
                background: { type: "bars" },
            },
            layout(9, 1, 3, 2),
        ),
        timeseries(
            {
                title: "Requests",
                queries: [scopedMetric("count", "request.duration")],
                showLegend: false,
                legendLayout: "auto",
                palette: "blue",
            },
            layout(0, 3, 12, 3),
        ),
        costBy("Usage cost by Category", "generation", "avg", 0),
        costBy("Usage cost by Platform", "platform", "avg", 3),
        costBy("Usage cost by Application", "applicationname", "sum", 6),
        costBy("Usage cost by Environment", "environment", "avg", 9),
        queryValue(
            {
                title: "Avg Prompt Tokens",
                query: scopedMetric("avg", "prompt.tokens"),
                aggregator: "avg",
                conditionalFormats: redAbove(tokens),
                background: { type: "area" },
            },
            layout(0, 9, 4, 1),
        ),
        timeseries(
            {
                title: "Avg Token Usage",
                queries: [scopedMetric("avg", "prompt.tokens"), scopedMetric("avg", "completion.tokens")],
                showLegend: true,
                legendLayout: "auto",
                palette: "dog_classic",
            },
            layout(4, 9, 8, 2),
        ),
        queryValue(
            {
                title: "Avg Completion Tokens",
                query: scopedMetric("avg", "completion.tokens"),
                aggregator: "avg",
                conditionalFormats: redAbove(tokens),
                background: { type: "area" },
            },
            layout(0, 10, 4, 1),
        ),
        toplist(
            "Top Models by Usage",
            scopedMetric("sum", "usage.cost", "model"),
            "dollar",
            options.topModels ?? REFERENCE.topModels,
            layout(0, 11, 4, 3),
        ),
        timeseries(
            {
                title: "Avg Cost by Models",
                queries: [scopedMetric("avg", "usage.cost", "model")],
                unit: "dollar",
                showLegend: true,
                legendLayout: "horizontal",
                palette: "dog_classic",
            },
            layout(4, 11, 8, 3),
        ),
        // The reference orders these filters differently; kept as published.
        logStream("Prompt", logFilter("type:prompt", "$applicationname", "$environment"), layout(0, 14, 6, 5)),
        logStream(
            "Response",
            logFilter("$applicationname", "type:(response OR image)", "$environment"),
            layout(6, 14, 6, 5),
        ),
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
