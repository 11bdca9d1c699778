/**
 * @file Value rules more than one key table uses (keys.ts, kubernetesKeys.ts, monitorKeys.ts); each message
 * says what is expected.
 */
import { z } from "zod";
import { httpUrlFaults } from "./httpUrl";

/** A number greater than 0. */
export const positive = z.number().positive("expected a number greater than 0");
/** A boolean (the config loader has already turned the strings `true`/`false` into one). */
export const bool = z.boolean({ error: "expected true or false" });

/** A number greater than 0 and at most `max` (a typo such as 1e300 must not reach a monitor query). */
export function positiveUpTo(max: number, unit: string) {
    return positive.max(max, `expected at most ${max} ${unit}`);
}

/**
 * An http(s) URL without user name or password: credentials in a URL would
 * reach plain inputs, logs and stack outputs (put them in a secret key instead).
 * config/problems.ts masks the credentials of a rejected value. The rule itself is httpUrl.ts's.
 */
export const httpUrl = z.string({ error: "expected an http:// or https:// URL" }).superRefine((raw, context) => {
    const faults = httpUrlFaults(raw);
    if (faults.notHttp) context.addIssue({ code: "custom", message: "expected an http:// or https:// URL" });
    else if (faults.credentials) {
        context.addIssue({
            code: "custom",
            message: "expected a URL without a user name or password (credentials never go in a URL here)",
        });
    }
});

/** The pattern (unanchored source) of a DNS host name: letters, digits, dots and '-', at most 253 characters. */
export const HOST_NAME = "[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?";
/** A host name such as `clickhouse.internal` (HOST_NAME, anchored). */
export const hostname = z
    .string()
    .regex(new RegExp(`^${HOST_NAME}$`), "expected a host name such as clickhouse.internal");
/** A Kubernetes object name (an RFC 1123 label: lower-case letters, digits and '-', at most 63). */
export const k8sName = z
    .string()
    .regex(
        /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
        "expected a Kubernetes name (lower-case letters, digits and '-', at most 63)",
    );

/**
 * The error map of a record: its own message when the value is no map, the key rule's message
 * for a bad key (zod reports a record's bad key as "Invalid key in record", and an enum-keyed
 * partial record's unknown key as "Unrecognized key"), the value rule's own otherwise.
 */
export function recordError(notAMap: string, badKey: string) {
    return (issue: { code?: string; issues?: ReadonlyArray<{ message: string }> }): string | undefined => {
        if (issue.code === "invalid_type") return notAMap;
        if (issue.code === "invalid_key") return issue.issues?.[0]?.message ?? badKey;
        if (issue.code === "unrecognized_keys") return badKey;
        return undefined;
    };
}
