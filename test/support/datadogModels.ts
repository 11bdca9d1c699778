/**
 * @file Validation of our JSON through the official Datadog client's models:
 * deserialize, then report every unparsed object (a value outside an enum
 * or a oneOf that matched nothing) and every unknown property.
 */
import { v1 } from "@datadog/datadog-api-client";

/** Appends to `out` a problem for every unparsed object and unknown property in a deserialized model. */
function walk(value: any, path: string, out: string[]): void {
    if (value === null || typeof value !== "object") return;
    if (value.constructor?.name === "UnparsedObject") {
        out.push(`${path}: not a valid value for the model (${JSON.stringify(value._data ?? value).slice(0, 120)})`);
        return;
    }
    if (Array.isArray(value)) {
        value.forEach((item, index) => walk(item, `${path}[${index}]`, out));
        return;
    }
    if (value.additionalProperties && Object.keys(value.additionalProperties).length > 0) {
        for (const property of Object.keys(value.additionalProperties))
            out.push(`${path}.${property}: unknown property of ${value.constructor?.name}`);
    }
    for (const [property, propertyValue] of Object.entries(value)) {
        if (property === "additionalProperties" || property === "_unparsed") continue;
        walk(propertyValue, `${path}.${property}`, out);
    }
}

/** Problems with `json` as the v1 model `type` (e.g. "Dashboard", "Widget", "Monitor"). */
export function modelProblems(json: unknown, type: string, path = "$"): string[] {
    const out: string[] = [];
    let model: any;
    try {
        model = v1.ObjectSerializer.deserialize(json, type, "");
    } catch (error) {
        return [`${path}: does not deserialize as ${type}: ${(error as Error).message}`];
    }
    walk(model, path, out);
    if (out.length === 0 && model?._unparsed) out.push(`${path}: ${type} has an unparsed part`);
    return out;
}

/** Problems with a dashboard, per widget (so each names the widget's title) and for the rest. */
export function dashboardProblems(dashboard: any): string[] {
    const widgets: any[] = dashboard.widgets ?? [];
    const perWidget = widgets.flatMap((widget, index) => {
        const at = `widgets[${index}] ${JSON.stringify(widget.definition?.title ?? widget.definition?.type)}`;
        const problems = modelProblems(widget, "Widget", at);
        if (problems.length === 0 || typeof widget.definition?.type !== "string") return problems;
        // The definition is a oneOf: when it fails, ask the widget type's own model where.
        const pascalType = widget.definition.type.replace(
            /(^|_)([a-z])/g,
            (_match: string, _underscore: string, letter: string) => letter.toUpperCase(),
        );
        const precise = modelProblems(widget.definition, `${pascalType}WidgetDefinition`, `${at}.definition`);
        return precise.length > 0 ? precise : problems;
    });
    return [...perWidget, ...modelProblems({ ...dashboard, widgets: [] }, "Dashboard")];
}
