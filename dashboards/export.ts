/**
 * @file Turns the typed definition (@pulumi/datadog's camelCase inputs) into the
 * Datadog API's dashboard JSON (snake_case, `definition.type`, `layout`, …).
 * Every field must be known to the tables below: an unknown widget type or
 * field throws with its path rather than being dropped.
 */
import { JsonObject, objectOf } from "./apiJson";
import type { DashboardDefinition } from "./llmMonitoring";

/**
 * How a field is exported: `true`, a leaf renamed to snake_case; or its API name (`to`, default snake_case),
 * the node it holds (`node`), whether it holds a list of them (`list`), and a converter of its own (`convert`).
 */
type Field =
    | true
    | {
          readonly to?: string;
          readonly node?: string;
          readonly list?: boolean;
          readonly convert?: (value: unknown, path: string) => unknown;
      };

/** The fields a node of the typed definition may hold, by their camelCase name. */
type Node = Readonly<Record<string, Field>>;

/** camelCase → snake_case: `titleSize` → `title_size`. */
const snake = (name: string) => name.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`);

const TITLED: Node = { title: true, titleSize: true, titleAlign: true };

/**
 * Formula requests: the typed resource has no `responseFormat` there; the
 * provider sets it from the widget type when a request has `queries`
 * (scalar for query_value, sunburst and toplist; timeseries for timeseries).
 */
function formulaRequests(format: "scalar" | "timeseries"): Field {
    const node = format === "scalar" ? "scalarRequest" : "timeseriesRequest";
    return {
        list: true,
        convert: (request, path) => {
            const out = convertNode(request, node, path);
            return out.queries === undefined ? out : { response_format: format, ...out };
        },
    };
}

const NODES: Record<string, Node> = {
    dashboard: {
        title: true,
        description: true,
        layoutType: true,
        reflowType: true,
        notifyLists: { to: "notify_list" },
        templateVariables: { node: "templateVariable", list: true },
        // widgets: converted by convertWidget (one definition key per widget)
    },
    templateVariable: { name: true, prefix: true, availableValues: true, default: true, defaults: true },
    layout: { x: true, y: true, width: true, height: true, isColumnBreak: true },
    image: {
        url: true,
        urlDarkTheme: true,
        sizing: true,
        margin: true,
        hasBackground: true,
        hasBorder: true,
        verticalAlign: true,
        horizontalAlign: true,
    },
    query_value: {
        ...TITLED,
        autoscale: true,
        precision: true,
        customUnit: true,
        textAlign: true,
        liveSpan: true,
        requests: formulaRequests("scalar"),
        timeseriesBackground: { node: "timeseriesBackground" },
    },
    timeseries: {
        ...TITLED,
        showLegend: true,
        legendLayout: true,
        legendSize: true,
        legendColumns: true,
        liveSpan: true,
        requests: formulaRequests("timeseries"),
    },
    sunburst: {
        ...TITLED,
        hideTotal: true,
        liveSpan: true,
        legendInline: {
            to: "legend",
            convert: (legend, path) => ({
                ...convertNode(legend, "sunburstLegend", path),
                type: objectOf(legend).type,
            }),
        },
        legendTable: { to: "legend", convert: (legend, path) => convertNode(legend, "sunburstLegend", path) },
        requests: formulaRequests("scalar"),
    },
    sunburstLegend: { type: true, hidePercent: true, hideValue: true },
    toplist: {
        ...TITLED,
        liveSpan: true,
        requests: formulaRequests("scalar"),
        styles: { to: "style", convert: toplistStyle },
    },
    toplistStyle: { palette: true, scaling: true, displays: { to: "display", convert: toplistDisplay } },
    toplistDisplay: { type: true },
    list_stream: { ...TITLED, requests: { node: "listStreamRequest", list: true } },
    manage_status: {
        ...TITLED,
        query: true,
        summaryType: true,
        displayFormat: true,
        colorPreference: true,
        hideZeroCounts: true,
        showLastTriggered: true,
        showPriority: true,
        sort: true,
    },
    listStreamRequest: {
        responseFormat: true,
        query: { node: "listStreamQuery" },
        columns: { node: "listStreamColumn", list: true },
    },
    listStreamQuery: { dataSource: true, queryString: true, indexes: true, storage: true, eventSize: true },
    listStreamColumn: { field: true, width: true },
    scalarRequest: {
        queries: { node: "query", list: true, convert: convertQuery },
        formulas: { node: "formula", list: true },
        conditionalFormats: { node: "conditionalFormat", list: true },
        style: { node: "requestStyle" },
    },
    timeseriesRequest: {
        displayType: true,
        onRightYaxis: true,
        queries: { node: "query", list: true, convert: convertQuery },
        formulas: { node: "formula", list: true },
        style: { node: "requestStyle" },
    },
    requestStyle: { palette: true, lineType: true, lineWidth: true },
    metricQuery: { dataSource: true, name: true, query: true, aggregator: true },
    formula: {
        formulaExpression: { to: "formula" },
        alias: true,
        limit: { node: "limit" },
        numberFormat: { node: "numberFormat" },
        conditionalFormats: { node: "conditionalFormat", list: true },
    },
    limit: { count: true, order: true },
    numberFormat: { unit: { convert: convertUnit } },
    conditionalFormat: {
        comparator: true,
        value: true,
        palette: true,
        customBgColor: true,
        customFgColor: true,
        hideValue: true,
        imageUrl: true,
        metric: true,
        timeframe: true,
    },
    timeseriesBackground: { type: true, yaxis: { node: "yaxis" } },
    yaxis: { includeZero: true, label: true, min: true, max: true, scale: true },
};

/** Widget definitions the exporter knows: typed key → API `type`. */
const WIDGET_TYPES: Record<string, string> = {
    imageDefinition: "image",
    queryValueDefinition: "query_value",
    timeseriesDefinition: "timeseries",
    sunburstDefinition: "sunburst",
    toplistDefinition: "toplist",
    listStreamDefinition: "list_stream",
    manageStatusDefinition: "manage_status",
};

function fail(path: string, what: string): never {
    throw new Error(`exportDashboard: ${what} at ${path}; the exporter does not know it, so it refuses to drop it`);
}

/** Throws when the value is a pulumi Output (an object with `apply`): the definition must hold plain values. */
function plain(value: unknown, path: string): unknown {
    if (typeof objectOf(value).apply === "function")
        fail(path, "a pulumi Output (the definition must hold plain values)");
    return value;
}

function convertNode(value: unknown, node: string, path: string): Record<string, unknown> {
    plain(value, path);
    const spec = NODES[node];
    const out: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(value as object)) {
        if (raw === undefined) continue;
        const field = spec[key];
        const at = `${path}.${key}`;
        if (field === undefined) fail(at, `unknown field ${JSON.stringify(key)} in ${node}`);
        plain(raw, at);
        if (field === true) {
            out[snake(key)] = raw;
            continue;
        }
        const name = field.to ?? snake(key);
        if (field.node === undefined && field.convert === undefined) {
            out[name] = raw;
        } else if (field.convert && !field.list) {
            out[name] = field.convert(raw, at);
        } else if (field.list) {
            if (!Array.isArray(raw)) fail(at, "a non-list value");
            out[name] = (raw as unknown[]).map((item, index) => {
                const itemPath = `${at}[${index}]`;
                return field.convert ? field.convert(item, itemPath) : convertNode(item, field.node!, itemPath);
            });
        } else {
            out[name] = convertNode(raw, field.node!, at);
        }
    }
    return out;
}

/** The names of the fields that hold a value (not undefined). */
function setFieldNames(fields: JsonObject): string[] {
    return Object.keys(fields).filter((name) => fields[name] !== undefined);
}

function convertQuery(value: unknown, path: string): Record<string, unknown> {
    const query = objectOf(value);
    const kinds = setFieldNames(query);
    if (kinds.length !== 1 || kinds[0] !== "metricQuery") fail(path, `query kind ${JSON.stringify(kinds.join(", "))}`);
    return convertNode(query.metricQuery, "metricQuery", `${path}.metricQuery`);
}

function convertUnit(value: unknown, path: string): Record<string, unknown> {
    const unit = objectOf(value);
    const keys = setFieldNames(unit);
    if (keys.length === 1 && keys[0] === "canonical") {
        const { unitName, perUnitName, ...rest } = objectOf(unit.canonical);
        if (Object.keys(rest).length)
            fail(`${path}.canonical`, `unknown field ${JSON.stringify(Object.keys(rest)[0])}`);
        return {
            type: "canonical_unit",
            unit_name: unitName,
            ...(perUnitName === undefined ? {} : { per_unit_name: perUnitName }),
        };
    }
    if (keys.length === 1 && keys[0] === "custom") {
        const { label, ...rest } = objectOf(unit.custom);
        if (Object.keys(rest).length) fail(`${path}.custom`, `unknown field ${JSON.stringify(Object.keys(rest)[0])}`);
        return { type: "custom_unit_label", label };
    }
    return fail(path, `unit kind ${JSON.stringify(keys.join(", "))}`);
}

function toplistStyle(value: unknown, path: string): Record<string, unknown> {
    if (!Array.isArray(value) || value.length !== 1) fail(path, "a toplist style list that is not exactly one style");
    return convertNode(value[0], "toplistStyle", `${path}[0]`);
}

/**
 * The typed display block has only `type`; for `stacked` the provider itself
 * sends `legend: "automatic"` (DataDog/terraform-provider-datadog,
 * datadog/resource_datadog_dashboard.go, buildDatadogToplistStyle: a stacked
 * display becomes a ToplistWidgetStacked with Legend TOPLISTWIDGETLEGEND_AUTOMATIC),
 * so the export writes what Datadog receives.
 */
function toplistDisplay(value: unknown, path: string): Record<string, unknown> {
    if (!Array.isArray(value) || value.length !== 1)
        fail(path, "a toplist display list that is not exactly one display");
    const display = convertNode(value[0], "toplistDisplay", `${path}[0]`);
    return display.type === "stacked" ? { ...display, legend: "automatic" } : display;
}

function convertWidget(widget: unknown, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let definitions = 0;
    for (const [key, value] of Object.entries(widget as object)) {
        if (value === undefined) continue;
        if (key === "id") out.id = value;
        else if (key === "widgetLayout") out.layout = convertNode(value, "layout", `${path}.widgetLayout`);
        else if (key in WIDGET_TYPES) {
            definitions++;
            const type = WIDGET_TYPES[key];
            out.definition = { ...convertNode(value, type, `${path}.${key}`), type };
        } else if (key.endsWith("Definition")) fail(`${path}.${key}`, "a widget type");
        else fail(`${path}.${key}`, `unknown widget field ${JSON.stringify(key)}`);
    }
    if (definitions !== 1) fail(path, `${definitions} widget definitions (expected exactly one)`);
    return out;
}

/** The Datadog API JSON of a dashboard definition. */
export function exportDashboard(definition: DashboardDefinition): Record<string, unknown> {
    const { widgets, ...rest } = definition;
    return {
        ...convertNode(rest, "dashboard", "dashboard"),
        widgets: widgets.map((widget, index) => convertWidget(widget, `dashboard.widgets[${index}]`)),
    };
}
