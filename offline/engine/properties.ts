/**
 * @file Property values as they cross the engine: the JSON form of a protobuf
 * Struct, with Pulumi's special signatures for secrets, output values and
 * resource references, and the unknown sentinel of a preview
 * (`@pulumi/pulumi/runtime/rpc`: `specialSigKey`, `specialSecretSig`, …).
 */
import { specialOutputValueSig, specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

/** A property value as it crosses the engine (JSON, with Pulumi's special signatures). */
export type Wire = unknown;
/** A property map: property name → value. */
export type WireObject = Record<string, Wire>;

/** The value a preview gives what is not known yet (Pulumi's unknown sentinel). */
export const UNKNOWN = unknownValue;

/** The special signature of a value (its `specialSigKey` string: secret, output value, …), if it has one. */
function sigOf(value: Wire): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const sig = (value as WireObject)[specialSigKey];
    return typeof sig === "string" ? sig : undefined;
}

/** Whether a value is a secret value (`{sig: secret, value}`). */
export function isSecret(value: Wire): value is { value: Wire } {
    return sigOf(value) === specialSecretSig;
}

/** The value as a secret (unchanged when it is one already). */
export function secret(value: Wire): Wire {
    return isSecret(value) ? value : { [specialSigKey]: specialSecretSig, value };
}

/**
 * Output values (`{sig: outputValue, value?, secret?}`) become what a
 * provider sees: the value, a secret, or the unknown sentinel.
 */
export function lowerOutputValues(value: Wire): Wire {
    if (Array.isArray(value)) return value.map(lowerOutputValues);
    if (typeof value !== "object" || value === null) return value;
    const object = value as WireObject;
    if (sigOf(object) === specialOutputValueSig) {
        const inner = "value" in object ? lowerOutputValues(object.value) : UNKNOWN;
        return object.secret === true ? secret(inner) : inner;
    }
    return Object.fromEntries(Object.entries(object).map(([key, child]) => [key, lowerOutputValues(child)]));
}

/** The value with every secret unwrapped, and the top-level keys that held one anywhere inside. */
export function revealSecrets(value: WireObject): { plain: WireObject; secretKeys: Set<string> } {
    const secretKeys = new Set<string>();
    const plain: WireObject = {};
    for (const [key, child] of Object.entries(value)) {
        let found = false;
        plain[key] = unwrap(child, () => {
            found = true;
        });
        if (found) secretKeys.add(key);
    }
    return { plain, secretKeys };
}

/** The value with every secret unwrapped; `onSecret` is called for each secret found. */
function unwrap(value: Wire, onSecret: () => void): Wire {
    if (isSecret(value)) {
        onSecret();
        return unwrap(value.value, onSecret);
    }
    if (Array.isArray(value)) return value.map((item) => unwrap(item, onSecret));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
        Object.entries(value as WireObject).map(([key, child]) => [key, unwrap(child, onSecret)]),
    );
}

/** Marks the named top-level keys secret, as the engine does for a provider that does not accept secrets. */
export function markSecret(value: WireObject, keys: Iterable<string>): WireObject {
    const out = { ...value };
    for (const key of keys) if (key in out && out[key] !== undefined) out[key] = secret(out[key]);
    return out;
}

/** Paths (`a.b[0]`) of every secret inside a value. */
export function secretPaths(value: Wire, path = ""): string[] {
    if (isSecret(value)) return [path];
    if (Array.isArray(value)) return value.flatMap((item, index) => secretPaths(item, `${path}[${index}]`));
    if (typeof value !== "object" || value === null) return [];
    return Object.entries(value as WireObject).flatMap(([key, child]) =>
        secretPaths(child, path ? `${path}.${key}` : key),
    );
}

/** Deep equality of two JSON values (key order ignored). */
export function sameValue(a: Wire, b: Wire): boolean {
    if (a === b) return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const left = a as WireObject;
    const right = b as WireObject;
    const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
    const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
    if (leftKeys.length !== rightKeys.length) return false;
    return leftKeys.every((key) => sameValue(left[key], right[key]));
}
