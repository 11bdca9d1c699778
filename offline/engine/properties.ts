/**
 * Property values as they cross the engine: the JSON form of a protobuf
 * Struct, with Pulumi's special signatures for secrets, output values and
 * resource references, and the unknown sentinel of a preview
 * (`@pulumi/pulumi/runtime/rpc`: `specialSigKey`, `specialSecretSig`, …).
 */
import { specialOutputValueSig, specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

export type Wire = unknown;
export type WireObject = Record<string, Wire>;

export const UNKNOWN = unknownValue;

function sigOf(value: Wire): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const sig = (value as WireObject)[specialSigKey];
    return typeof sig === "string" ? sig : undefined;
}

export function isSecret(value: Wire): value is { value: Wire } {
    return sigOf(value) === specialSecretSig;
}

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
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, lowerOutputValues(v)]));
}

/** The value with every secret unwrapped, and the top-level keys that held one anywhere inside. */
export function revealSecrets(value: WireObject): { plain: WireObject; secretKeys: Set<string> } {
    const secretKeys = new Set<string>();
    const plain: WireObject = {};
    for (const [key, v] of Object.entries(value)) {
        let found = false;
        plain[key] = unwrap(v, () => {
            found = true;
        });
        if (found) secretKeys.add(key);
    }
    return { plain, secretKeys };
}

function unwrap(value: Wire, onSecret: () => void): Wire {
    if (isSecret(value)) {
        onSecret();
        return unwrap(value.value, onSecret);
    }
    if (Array.isArray(value)) return value.map((v) => unwrap(v, onSecret));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value as WireObject).map(([k, v]) => [k, unwrap(v, onSecret)]));
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
    if (Array.isArray(value)) return value.flatMap((v, i) => secretPaths(v, `${path}[${i}]`));
    if (typeof value !== "object" || value === null) return [];
    return Object.entries(value as WireObject).flatMap(([k, v]) => secretPaths(v, path ? `${path}.${k}` : k));
}

/** Deep equality of two JSON values (key order ignored). */
export function sameValue(a: Wire, b: Wire): boolean {
    if (a === b) return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a as WireObject).filter((k) => (a as WireObject)[k] !== undefined);
    const kb = Object.keys(b as WireObject).filter((k) => (b as WireObject)[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => sameValue((a as WireObject)[k], (b as WireObject)[k]));
}
