/**
 * Validation of our JSON through the official Datadog client's models:
 * deserialize, then report every unparsed object (a value outside an enum
 * or a oneOf that matched nothing) and every unknown property.
 */
const { v1 } = require("@datadog/datadog-api-client");

function walk(value: any, path: string, out: string[]): void {
    if (value === null || typeof value !== "object") return;
    if (value.constructor?.name === "UnparsedObject") {
        out.push(`${path}: not a valid value for the model (${JSON.stringify(value._data ?? value).slice(0, 120)})`);
        return;
    }
    if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${path}[${i}]`, out));
        return;
    }
    if (value.additionalProperties && Object.keys(value.additionalProperties).length > 0) {
        for (const k of Object.keys(value.additionalProperties))
            out.push(`${path}.${k}: unknown property of ${value.constructor?.name}`);
    }
    for (const [k, v] of Object.entries(value)) {
        if (k === "additionalProperties" || k === "_unparsed") continue;
        walk(v, `${path}.${k}`, out);
    }
}

/** Problems with `json` as the v1 model `type` (e.g. "Dashboard", "Widget", "Monitor"). */
export function modelProblems(json: unknown, type: string, path = "$"): string[] {
    const out: string[] = [];
    let model: any;
    try {
        model = v1.ObjectSerializer.deserialize(json, type, "");
    } catch (e) {
        return [`${path}: does not deserialize as ${type}: ${(e as Error).message}`];
    }
    walk(model, path, out);
    if (out.length === 0 && model?._unparsed) out.push(`${path}: ${type} has an unparsed part`);
    return out;
}

/** Problems with a dashboard, per widget (so each names the widget's title) and for the rest. */
export function dashboardProblems(dashboard: any): string[] {
    const widgets: any[] = dashboard.widgets ?? [];
    const perWidget = widgets.flatMap((w, i) => {
        const at = `widgets[${i}] ${JSON.stringify(w.definition?.title ?? w.definition?.type)}`;
        const problems = modelProblems(w, "Widget", at);
        if (problems.length === 0 || typeof w.definition?.type !== "string") return problems;
        // The definition is a oneOf: when it fails, ask the widget type's own model where.
        const model = `${w.definition.type.replace(/(^|_)([a-z])/g, (_: string, __: string, c: string) => c.toUpperCase())}WidgetDefinition`;
        const precise = modelProblems(w.definition, model, `${at}.definition`);
        return precise.length > 0 ? precise : problems;
    });
    return [...perWidget, ...modelProblems({ ...dashboard, widgets: [] }, "Dashboard")];
}
