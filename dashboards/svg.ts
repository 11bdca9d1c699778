/**
 * @file A layout preview of a dashboard, drawn from its Datadog API JSON: the
 * 12-column grid to scale, one box per widget with its type, title and (for
 * query widgets) the metric it plots, the template-variable bar and the
 * title. No data is rendered.
 */
import { JsonObject, listOf, objectOf, textOf } from "./apiJson";

/** The picture's geometry, in SVG pixels. */
export const GRID = {
    /** Width of one of the 12 columns. */
    column: 80,
    /** Height of one layout row. */
    row: 60,
    /** Outer margin. */
    pad: 16,
    /** Space between boxes (taken from each box's right and bottom). */
    gap: 6,
    /** Where the grid starts, below the title and the template-variable bar. */
    top: 104,
} as const;

const TYPE_LABELS: Record<string, string> = {
    image: "IMG image",
    query_value: "QV query value",
    timeseries: "TS timeseries",
    sunburst: "SB sunburst",
    toplist: "TL toplist",
    list_stream: "LS log stream",
    manage_status: "MS monitor summary",
};

/** One widget's box in the picture: what it shows and where, in SVG coordinates. */
export interface WidgetBox {
    /** Position in the dashboard's widget list. */
    readonly index: number;
    /** The widget's API type, e.g. `query_value`. */
    readonly type: string;
    /** The widget's title; `Logo` for an untitled image, else the type. */
    readonly title: string;
    /** Metric (or log / monitor query) the widget plots. */
    readonly subject?: string;
    /** Left edge. */
    readonly x: number;
    /** Top edge. */
    readonly y: number;
    /** Width, less the gap to the next box. */
    readonly width: number;
    /** Height, less the gap to the box below. */
    readonly height: number;
}

/** Where a widget without a layout is drawn: one full-width row at the top. */
const FULL_WIDTH_ROW = { x: 0, y: 0, width: 12, height: 1 };

/** Escapes text for XML and HTML (the SVG and the review page share it). */
export function escapeXml(text: string): string {
    return text.replace(
        /[<>&"']/g,
        (special) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[special]!,
    );
}

/** What a widget plots: its metrics, else its log query, else its monitor search. */
function subjectOf(definition: JsonObject): string | undefined {
    const requests = listOf(definition.requests);
    const queries = requests.flatMap((request) =>
        listOf(objectOf(request).queries).map((query) => objectOf(query).query),
    );
    const metricNames = queries
        .filter((query): query is string => typeof query === "string")
        .map((query) => /:([a-z0-9_.]+)\{/.exec(query)?.[1])
        .filter((metricName): metricName is string => metricName !== undefined);
    const metrics = [...new Set(metricNames)];
    if (metrics.length > 0) return metrics.join(", ");
    const logQuery = objectOf(objectOf(requests[0]).query).query_string;
    if (typeof logQuery === "string") return `logs: ${logQuery}`;
    if (typeof definition.query === "string") return `monitors: ${definition.query}`;
    return undefined;
}

/** Where each widget's box goes, in SVG coordinates. */
export function widgetBoxes(dashboard: object): WidgetBox[] {
    return listOf(objectOf(dashboard).widgets).map((widgetJson, index) => {
        const widget = objectOf(widgetJson);
        const definition = objectOf(widget.definition);
        // `layout ?? …` as the API JSON holds it; `Number` reads a field as the old `*` did.
        const cell = widget.layout === undefined || widget.layout === null ? FULL_WIDTH_ROW : objectOf(widget.layout);
        const type = String(definition.type);
        return {
            index,
            type,
            title: textOf(definition.title) ?? (type === "image" ? "Logo" : type),
            subject: subjectOf(definition),
            x: GRID.pad + Number(cell.x) * GRID.column,
            y: GRID.top + Number(cell.y) * GRID.row,
            width: Number(cell.width) * GRID.column - GRID.gap,
            height: Number(cell.height) * GRID.row - GRID.gap,
        };
    });
}

/** One template variable's pill in the bar above the grid, starting at `left`; returns its SVG and width. */
function variablePill(variableJson: unknown, left: number): { svg: string; width: number } {
    const variable = objectOf(variableJson);
    const name = String(variable.name);
    const text = `$${name}: ${variable.default ?? listOf(variable.defaults ?? ["*"]).join(",")}`;
    const width = 16 + text.length * 7;
    const svg =
        `<g class="template-variable" data-name="${escapeXml(name)}">` +
        `<rect x="${left}" y="60" width="${width}" height="26" rx="13" fill="#eef1ff" stroke="#8a9bff"/>` +
        `<text x="${left + 8}" y="77" font-size="12">${escapeXml(text)}</text></g>`;
    return { svg, width };
}

/** One widget's box: its type, title and (when the box is tall enough) subject, clipped to the box. */
function widgetSvg(box: WidgetBox, idPrefix: string): string {
    const clip = `${idPrefix}-clip-${box.index}`;
    const textAt = (top: number, attributes: string, text: string) =>
        `<text ${attributes.replace("{x}", `x="${box.x + 8}" y="${box.y + top}"`)}>${escapeXml(text)}</text>`;
    const lines = [
        textAt(16, 'class="widget-type" {x} font-size="10" fill="#6b6f80"', TYPE_LABELS[box.type] ?? box.type),
        textAt(32, 'class="widget-title" {x} font-size="13" font-weight="bold"', box.title),
        ...(box.subject === undefined || box.height < 50
            ? []
            : [textAt(46, 'class="widget-subject" {x} font-size="10" fill="#3b4bd6"', box.subject)]),
    ];
    const size = `width="${box.width}" height="${box.height}"`;
    return (
        `<g class="widget" data-index="${box.index}" data-type="${box.type}">` +
        `<clipPath id="${clip}"><rect x="${box.x}" y="${box.y}" ${size}/></clipPath>` +
        `<rect class="widget-box" x="${box.x}" y="${box.y}" ${size} rx="4" fill="#ffffff" stroke="#c9ccd6"/>` +
        `<g clip-path="url(#${clip})">${lines.join("")}</g></g>`
    );
}

/** The SVG document (standalone; also embeddable inline in HTML, with a distinct `idPrefix` per picture). */
export function dashboardSvg(dashboard: object, idPrefix = "widget"): string {
    const fields = objectOf(dashboard);
    const boxes = widgetBoxes(dashboard);
    const width = GRID.pad * 2 + 12 * GRID.column;
    const bottom = Math.max(GRID.top, ...boxes.map((box) => box.y + box.height + GRID.gap));
    const height = bottom + GRID.pad;
    let pillLeft = GRID.pad;
    const pills = listOf(fields.template_variables).map((variable) => {
        const pill = variablePill(variable, pillLeft);
        pillLeft += pill.width + 8;
        return pill.svg;
    });
    const title = escapeXml(textOf(fields.title) ?? "");
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
            `viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
        `<rect width="${width}" height="${height}" fill="#f7f8fa"/>`,
        `<text class="dashboard-title" x="${GRID.pad}" y="40" font-size="20" font-weight="bold">${title}</text>`,
        ...pills,
        ...boxes.map((box) => widgetSvg(box, idPrefix)),
        "</svg>",
    ].join("\n");
}
