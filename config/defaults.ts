/**
 * `{ ...defaults, ...values }` where an undefined value keeps the default
 * (a plain spread would let `{ key: undefined }` erase it).
 */
export function withDefaults<D extends object, V extends object>(defaults: D, values: V): D & V {
    const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
    return out as D & V;
}
