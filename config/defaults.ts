/**
 * @file The default values of the `doku:` keys, read from the key table (keys.ts): the one home of every
 * default that the loader, the components and the docs apply or show.
 */
import { CONFIG_KEYS } from "./keys";

// No local alias for `typeof CONFIG_KEYS`: these types are public (lib.ts), and every type a public signature
// names must be exported (test/package.test.ts).
/** The keys whose table entry holds a default value. */
export type KeyWithDefault = {
    [K in keyof typeof CONFIG_KEYS]: (typeof CONFIG_KEYS)[K] extends { default: unknown } ? K : never;
}[keyof typeof CONFIG_KEYS];

/** Each key's default value, by key name (only the keys that have a constant default). */
export type ConfigDefaults = {
    readonly [K in KeyWithDefault]: (typeof CONFIG_KEYS)[K] extends { default: infer D } ? D : never;
};

function collectDefaults(): ConfigDefaults {
    const defaults: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(CONFIG_KEYS)) {
        if ("default" in spec && spec.default !== undefined) defaults[key] = spec.default;
    }
    return Object.freeze(defaults) as ConfigDefaults;
}

/** The default of every key that has one, e.g. `CONFIG_DEFAULTS.clickhousePort` (9000). */
export const CONFIG_DEFAULTS: ConfigDefaults = collectDefaults();

/**
 * `{ ...defaults, ...values }` where an undefined value keeps the default
 * (a plain spread would let `{ key: undefined }` erase it).
 */
export function withDefaults<D extends object, V extends object>(defaults: D, values: V): D & V {
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [key, value] of Object.entries(values)) if (value !== undefined) merged[key] = value;
    return merged as D & V;
}
