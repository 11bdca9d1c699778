/**
 * @file The shape of one `doku:` key in the key table (keys.ts), and the targets a key applies to.
 * Its own file so that the parts of the table (keys.ts, kubernetesKeys.ts, monitorKeys.ts) import it
 * without importing each other.
 */
import type { z } from "zod";

/** How a raw config string is read before validation. */
export type KeyKind = "string" | "integer" | "number" | "boolean" | "array" | "object";

/**
 * Where the ingester runs: `docker` (needs @pulumi/docker installed), `kubernetes` (needs @pulumi/kubernetes
 * installed), or `external` (an ingester that already runs; nothing is deployed). A `const` object, so the
 * component-package analyzer sees an enum.
 */
export const IngesterTarget = {
    Docker: "docker",
    Kubernetes: "kubernetes",
    External: "external",
} as const;

/** One of IngesterTarget's values. */
export type IngesterTarget = (typeof IngesterTarget)[keyof typeof IngesterTarget];

/** The same as IngesterTarget (the key table's name for it). */
export type Target = IngesterTarget;

/** Every target, in the order messages list them. */
export const TARGETS = Object.values(IngesterTarget) as [IngesterTarget, ...IngesterTarget[]];

/** One key of the table: its rule, default and doc, which the loader, components and docs all read. */
export interface KeySpec {
    /** How the raw config string is read before validation. */
    readonly kind: KeyKind;
    /** Read with `getSecret`; its value never appears in a message. */
    readonly secret?: boolean;
    /**
     * The default value, as the loader and the components apply it (`undefined` = none, or a default that
     * is not a constant: then `defaultText` says what it is).
     */
    readonly default?: unknown;
    /** The default as users read it, when it is not a constant (e.g. "the stack name"); else derived. */
    readonly defaultText?: string;
    /** One line for the README and Pulumi.yaml. */
    readonly description: string;
    /** Validates the value once read; its message says what is expected. */
    readonly schema: z.ZodType;
    /** The targets the key applies to (undefined = every target); set elsewhere it is ignored with a warning. */
    readonly targets?: readonly Target[];
    /** Every stack must set it (Pulumi.yaml declares it without a default). */
    readonly required?: boolean;
}

/** The default as the README shows it: `defaultText`, else the value (JSON for lists and maps). */
export function defaultTextOf(spec: KeySpec): string | undefined {
    if (spec.defaultText !== undefined) return spec.defaultText;
    if (spec.default === undefined) return undefined;
    return typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default);
}
