import type { KeySpec } from "./keys";

/** A number in decimal: `42`, `-1`, `2.5`, `.5`, `1e3`; not `0x3`, `0b1010`, `Infinity` (Number() takes them). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Turns the raw config string into the kind the key takes; a message when it cannot. */
export function coerce(spec: KeySpec, raw: string): { value?: unknown; problem?: string } {
    switch (spec.kind) {
        case "string":
            return { value: raw };
        case "integer":
        case "number": {
            const text = raw.trim();
            if (!DECIMAL.test(text)) return { problem: "expected a decimal number" };
            const parsed = Number(text);
            return Number.isFinite(parsed) ? { value: parsed } : { problem: "expected a finite number" };
        }
        case "boolean":
            if (raw === "true" || raw === "false") return { value: raw === "true" };
            return { problem: "expected true or false" };
        case "array":
        case "object":
            try {
                return { value: JSON.parse(raw) };
            } catch {
                return { problem: spec.kind === "array" ? "expected a list" : "expected a map" };
            }
    }
}
