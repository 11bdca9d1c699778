/**
 * @file Small typed builders over @pulumi/datadog's dashboard input types. Each
 * preset writes one of the widget shapes the Doku dashboard repeats, so a
 * widget in the definition reads as one line of intent.
 */
import type * as In from "@pulumi/datadog/types/input";

/** One dashboard widget, as @pulumi/datadog's Dashboard resource takes it. */
export type Widget = In.DashboardWidget;
/** A widget's place on the 12-column grid: column `x`, row `y`, `width` columns, `height` rows. */
export type Layout = In.DashboardWidgetWidgetLayout;
/** The Datadog canonical units the dashboard's numbers are shown in. */
export type Unit = "second" | "dollar";

/** What every query is scoped by: the host tag and the dashboard's template variables. */
export interface Scope {
    readonly hostTag: string;
    readonly metricPrefix: string;
    /** Template variable names, in dashboard order. */
    readonly variables: readonly string[];
}

/** The one tag filter every metric query uses: `{host:doku,$applicationname,$environment}`. */
export function tagFilter(scope: Scope): string {
    return `{${[`host:${scope.hostTag}`, ...scope.variables.map((variable) => `$${variable}`)].join(",")}}`;
}

/** `avg:doku.llm.request.duration{…}` (and ` by {model}` when grouped). */
export function metric(scope: Scope, aggregation: "avg" | "sum" | "count", name: string, by?: string): string {
    return `${aggregation}:${scope.metricPrefix}.${name}${tagFilter(scope)}${by === undefined ? "" : ` by {${by}}`}`;
}

/** A widget layout at column `x`, row `y`, `width` columns wide and `height` rows high. */
export function layout(x: number, y: number, width: number, height: number): Layout {
    return { x, y, width, height };
}

const TITLE = { titleSize: "16", titleAlign: "left" } as const;
const LEGEND_COLUMNS = ["avg", "min", "max", "value", "sum"];

function metricQuery(query: string, aggregator?: string, name = "query1") {
    return { metricQuery: { dataSource: "metrics", name, query, ...(aggregator === undefined ? {} : { aggregator }) } };
}

function numberFormat(unit: Unit | undefined) {
    return unit === undefined ? {} : { numberFormat: { unit: { canonical: { unitName: unit } } } };
}

function formula(expression: string, unit?: Unit, limit?: number) {
    return {
        formulaExpression: expression,
        ...numberFormat(unit),
        ...(limit === undefined ? {} : { limit: { count: limit, order: "desc" } }),
    };
}

/** Green up to the threshold, red above it. */
export function redAbove(threshold: number): In.DashboardWidgetQueryValueDefinitionRequestConditionalFormat[] {
    return [
        { comparator: "<=", value: threshold, palette: "white_on_green" },
        { comparator: ">", value: threshold, palette: "white_on_red" },
    ];
}

/** A custom background once the value is above zero. */
export function tintAboveZero(color: string): In.DashboardWidgetQueryValueDefinitionRequestConditionalFormat[] {
    return [{ comparator: ">", value: 0, palette: "custom_bg", customBgColor: color }];
}

/** What the query-value preset (queryValue) shows: one aggregated metric, its unit and colours. */
export interface QueryValueSpec {
    readonly title: string;
    readonly query: string;
    readonly aggregator: "avg" | "sum" | "max";
    readonly unit?: Unit;
    readonly conditionalFormats?: In.DashboardWidgetQueryValueDefinitionRequestConditionalFormat[];
    /** Background chart: `area` or `bars`, with include_zero when set. */
    readonly background: { readonly type: "area" | "bars"; readonly includeZero?: boolean };
}

/** The query-value preset: one scalar, autoscaled, two decimals, a background chart. */
export function queryValue(spec: QueryValueSpec, at: Layout): Widget {
    const { type, includeZero } = spec.background;
    return {
        queryValueDefinition: {
            title: spec.title,
            ...TITLE,
            requests: [
                {
                    queries: [metricQuery(spec.query, spec.aggregator)],
                    ...(spec.conditionalFormats === undefined ? {} : { conditionalFormats: spec.conditionalFormats }),
                    formulas: [formula("query1", spec.unit)],
                },
            ],
            autoscale: true,
            precision: 2,
            timeseriesBackground: { type, ...(includeZero === undefined ? {} : { yaxis: { includeZero } }) },
        },
        widgetLayout: at,
    };
}

/** What the timeseries preset (timeseries) draws: one line per query, with its legend and palette. */
export interface TimeseriesSpec {
    readonly title: string;
    readonly queries: readonly string[];
    readonly unit?: Unit;
    readonly showLegend: boolean;
    readonly legendLayout: "auto" | "horizontal" | "vertical";
    readonly palette: string;
}

/** Lines, one formula per query, legend columns avg/min/max/value/sum. */
export function timeseries(spec: TimeseriesSpec, at: Layout): Widget {
    return {
        timeseriesDefinition: {
            title: spec.title,
            ...TITLE,
            showLegend: spec.showLegend,
            legendLayout: spec.legendLayout,
            legendColumns: LEGEND_COLUMNS,
            requests: [
                {
                    formulas: spec.queries.map((_, index) => formula(`query${index + 1}`, spec.unit)),
                    queries: spec.queries.map((query, index) => metricQuery(query, undefined, `query${index + 1}`)),
                    style: { palette: spec.palette, lineType: "solid", lineWidth: "normal" },
                    displayType: "line",
                },
            ],
        },
        widgetLayout: at,
    };
}

/** Cost broken down by one tag, as a sunburst with an inline legend. */
export function costSunburst(title: string, query: string, aggregator: "avg" | "sum", at: Layout): Widget {
    return {
        sunburstDefinition: {
            title,
            ...TITLE,
            requests: [
                {
                    formulas: [formula("query1", "dollar", 500)],
                    queries: [metricQuery(query, aggregator)],
                    style: { palette: "datadog16" },
                },
            ],
            hideTotal: true,
            legendInline: { type: "inline" },
        },
        widgetLayout: at,
    };
}

/** The top `size` groups of a query, stacked. */
export function toplist(title: string, query: string, unit: Unit, size: number, at: Layout): Widget {
    return {
        toplistDefinition: {
            title,
            ...TITLE,
            requests: [
                {
                    queries: [metricQuery(query, "avg")],
                    formulas: [formula("query1", unit, size)],
                },
            ],
            styles: [{ displays: [{ type: "stacked" }] }],
        },
        widgetLayout: at,
    };
}

/** A stream of log events matching `queryString`: status, time, content. */
export function logStream(title: string, queryString: string, at: Layout): Widget {
    return {
        listStreamDefinition: {
            title,
            ...TITLE,
            requests: [
                {
                    responseFormat: "event_list",
                    query: { dataSource: "logs_stream", queryString, indexes: [], storage: "hot" },
                    columns: [
                        { field: "status_line", width: "auto" },
                        { field: "timestamp", width: "auto" },
                        { field: "content", width: "compact" },
                    ],
                },
            ],
        },
        widgetLayout: at,
    };
}

/** A centred image without background or border. */
export function image(url: string, at: Layout): Widget {
    return {
        imageDefinition: {
            url,
            sizing: "contain",
            hasBackground: false,
            hasBorder: false,
            verticalAlign: "center",
            horizontalAlign: "center",
        },
        widgetLayout: at,
    };
}

/** Monitors matching a search, with their status counts and list. */
export function monitorSummary(title: string, query: string, at: Layout): Widget {
    return {
        manageStatusDefinition: {
            title,
            ...TITLE,
            query,
            summaryType: "monitors",
            displayFormat: "countsAndList",
            colorPreference: "text",
            hideZeroCounts: true,
            showLastTriggered: false,
            showPriority: true,
            sort: "status,asc",
        },
        widgetLayout: at,
    };
}
