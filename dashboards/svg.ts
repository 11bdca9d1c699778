/**
 * A layout preview of a dashboard, drawn from its Datadog API JSON: the
 * 12-column grid to scale, one box per widget with its type, title and (for
 * query widgets) the metric it plots, the template-variable bar and the
 * title. No data is rendered.
 */
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

export interface WidgetBox {
    readonly index: number;
    readonly type: string;
    readonly title: string;
    /** Metric (or log / monitor query) the widget plots. */
    readonly subject?: string;
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

/** Escapes text for XML and HTML (the SVG and the review page share it). */
export function escapeXml(s: string): string {
    return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function subjectOf(definition: any): string | undefined {
    const queries: string[] = (definition.requests ?? []).flatMap((r: any) =>
        (r.queries ?? []).map((q: any) => q.query),
    );
    const metrics = [
        ...new Set(queries.map((q) => /:([a-z0-9_.]+)\{/.exec(q)?.[1]).filter((m): m is string => m !== undefined)),
    ];
    if (metrics.length > 0) return metrics.join(", ");
    const logQuery = definition.requests?.[0]?.query?.query_string;
    if (typeof logQuery === "string") return `logs: ${logQuery}`;
    if (typeof definition.query === "string") return `monitors: ${definition.query}`;
    return undefined;
}

/** Where each widget's box goes, in SVG coordinates. */
export function widgetBoxes(dashboard: any): WidgetBox[] {
    return (dashboard.widgets ?? []).map((w: any, index: number) => {
        const l = w.layout ?? { x: 0, y: 0, width: 12, height: 1 };
        return {
            index,
            type: w.definition.type,
            title: w.definition.title ?? (w.definition.type === "image" ? "Logo" : w.definition.type),
            subject: subjectOf(w.definition),
            x: GRID.pad + l.x * GRID.column,
            y: GRID.top + l.y * GRID.row,
            width: l.width * GRID.column - GRID.gap,
            height: l.height * GRID.row - GRID.gap,
        };
    });
}

/** The SVG document (standalone; also embeddable inline in HTML, with a distinct `idPrefix` per picture). */
export function dashboardSvg(dashboard: any, idPrefix = "widget"): string {
    const boxes = widgetBoxes(dashboard);
    const width = GRID.pad * 2 + 12 * GRID.column;
    const bottom = Math.max(GRID.top, ...boxes.map((b) => b.y + b.height + GRID.gap));
    const height = bottom + GRID.pad;
    const variables: any[] = dashboard.template_variables ?? [];
    let vx = GRID.pad;
    const pills = variables.map((v) => {
        const text = `$${v.name}: ${v.default ?? (v.defaults ?? ["*"]).join(",")}`;
        const w = 16 + text.length * 7;
        const pill =
            `<g class="template-variable" data-name="${escapeXml(v.name)}"><rect x="${vx}" y="60" width="${w}" height="26" rx="13" fill="#eef1ff" stroke="#8a9bff"/>` +
            `<text x="${vx + 8}" y="77" font-size="12">${escapeXml(text)}</text></g>`;
        vx += w + 8;
        return pill;
    });
    const widgets = boxes.map((b) => {
        const clip = `${idPrefix}-clip-${b.index}`;
        const lines = [
            `<text class="widget-type" x="${b.x + 8}" y="${b.y + 16}" font-size="10" fill="#6b6f80">${escapeXml(TYPE_LABELS[b.type] ?? b.type)}</text>`,
            `<text class="widget-title" x="${b.x + 8}" y="${b.y + 32}" font-size="13" font-weight="bold">${escapeXml(b.title)}</text>`,
            ...(b.subject === undefined || b.height < 50
                ? []
                : [
                      `<text class="widget-subject" x="${b.x + 8}" y="${b.y + 46}" font-size="10" fill="#3b4bd6">${escapeXml(b.subject)}</text>`,
                  ]),
        ];
        return (
            `<g class="widget" data-index="${b.index}" data-type="${b.type}">` +
            `<clipPath id="${clip}"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}"/></clipPath>` +
            `<rect class="widget-box" x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="4" fill="#ffffff" stroke="#c9ccd6"/>` +
            `<g clip-path="url(#${clip})">${lines.join("")}</g></g>`
        );
    });
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
        `<rect width="${width}" height="${height}" fill="#f7f8fa"/>`,
        `<text class="dashboard-title" x="${GRID.pad}" y="40" font-size="20" font-weight="bold">${escapeXml(dashboard.title ?? "")}</text>`,
        ...pills,
        ...widgets,
        "</svg>",
    ].join("\n");
}
