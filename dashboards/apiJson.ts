/**
 * @file Readers of Datadog API JSON (a dashboard's, a monitor's) whose shape nothing has checked: the SVG
 * preview and the offline review page read fields through them instead of through `any`.
 */

/** A JSON object read field by field: a field may hold anything, or be absent. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** The value as a JSON object, or an empty object when it is none (so every field reads as absent). */
export function objectOf(value: unknown): JsonObject {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** The value as a list, or an empty list when it is none. */
export function listOf(value: unknown): readonly unknown[] {
    return Array.isArray(value) ? value : [];
}

/** The value when it is a string, else undefined. */
export function textOf(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}
