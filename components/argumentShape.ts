/**
 * @file The shape of a component's arguments, checked before any other rule: args and each group a plain
 * object, no unknown or misspelt field (with a did-you-mean), and the Kubernetes passthrough fields the
 * array, object or string map their types say. Each component lists its fields once (argumentFields.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { SHOWN_OUTPUT, showValue } from "../config/problems";
import { closest } from "../config/suggest";

/**
 * How one field is checked here: `value` (by its own rule elsewhere, or not at all), a shape (`object`,
 * `array`, `stringArray`, `stringMap`), or a group: a plain object of known fields, checked the same way.
 */
export type FieldShape = "value" | "object" | "array" | "stringArray" | "stringMap" | FieldGroup;

/** A group's fields and how each is checked. */
export interface FieldGroup {
    readonly [field: string]: FieldShape;
}

/**
 * Every field of `T` and how it is checked: a list that the compiler keeps equal to the interface's keys
 * (a missing field or one the interface lacks is a type error).
 */
export type FieldsOf<T> = { readonly [K in keyof T]-?: FieldShape };

/** A plain object: not null, an array, an Output or a promise. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        !pulumi.Output.isInstance(value) &&
        !(value instanceof Promise)
    );
}

/** `<path>: got <value>; expected <what>` (an Output shown as such). */
function got(path: string, value: unknown, expected: string): string {
    return `${path}: got ${pulumi.Output.isInstance(value) ? SHOWN_OUTPUT : showValue(value)}; expected ${expected}`;
}

/** The problem with a field's shape, or undefined. */
function leafProblem(path: string, value: unknown, shape: Exclude<FieldShape, FieldGroup>): string | undefined {
    switch (shape) {
        case "value":
            return undefined;
        case "object":
            return isPlainObject(value) ? undefined : got(path, value, "an object");
        case "array":
            return Array.isArray(value) ? undefined : got(path, value, "an array");
        case "stringArray":
            return Array.isArray(value) && value.every((item) => typeof item === "string")
                ? undefined
                : got(path, value, "a list of strings");
        case "stringMap":
            return isPlainObject(value) && Object.values(value).every((item) => typeof item === "string")
                ? undefined
                : got(path, value, "a map of strings to strings");
    }
}

/**
 * Every shape problem of a group (args itself, or one of its groups) at `path`: not a plain object, an unknown
 * field (one problem each, with the closest known name), a field of the wrong shape. Undefined fields are absent.
 */
export function shapeProblems(value: unknown, fields: FieldGroup, path: string): string[] {
    if (!isPlainObject(value)) return [got(path, value, "an object")];
    const known = Object.keys(fields);
    const problems: string[] = [];
    for (const [field, fieldValue] of Object.entries(value)) {
        const shape = fields[field];
        if (shape === undefined || !Object.prototype.hasOwnProperty.call(fields, field)) {
            const hint = closest(field, known);
            problems.push(`${path}.${field}: unknown argument${hint ? `; did you mean ${path}.${hint}?` : ""}`);
        } else if (fieldValue !== undefined) {
            const problem =
                typeof shape === "object"
                    ? shapeProblems(fieldValue, shape, `${path}.${field}`)
                    : [leafProblem(`${path}.${field}`, fieldValue, shape)];
            problems.push(...problem.filter((line): line is string => line !== undefined));
        }
    }
    return problems;
}

/**
 * The problem with a component's `args` themselves when they are no object (`args: missing; expected an
 * object with …` for null or undefined), else undefined.
 */
export function argsProblem(args: unknown, expected: string): string | undefined {
    if (isPlainObject(args)) return undefined;
    return args === undefined || args === null ? `args: missing; expected ${expected}` : got("args", args, expected);
}
