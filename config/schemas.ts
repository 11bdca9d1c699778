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

/** What an http(s) URL key expects; each fault has its own message (the rule itself is httpUrl.ts's). */
function httpUrlRule(base: boolean) {
    return z.string({ error: "expected an http:// or https:// URL" }).superRefine((raw, context) => {
        const faults = httpUrlFaults(raw);
        const fail = (message: string) => context.addIssue({ code: "custom", message });
        if (faults.whitespace) fail("expected a URL without spaces (around it too)");
        else if (faults.notHttp) fail("expected an http:// or https:// URL");
        else if (faults.credentials) {
            fail("expected a URL without a user name or password (credentials never go in a URL here)");
        } else if (base && faults.queryOrFragment) {
            fail(
                "expected a base URL without a query (?…) or fragment (#…): the API's paths are appended to it " +
                    "(a path prefix such as https://host/doku is fine)",
            );
        }
    });
}

/**
 * An http(s) URL without user name or password: credentials in a URL would
 * reach plain inputs, logs and stack outputs (put them in a secret key instead).
 * config/problems.ts masks the credentials of a rejected value.
 */
export const httpUrl = httpUrlRule(false);

/**
 * The base URL of the ingester's API (`doku:ingesterUrl`, `doku:managementUrl`): httpUrl, and no query or
 * fragment, since the client appends `/api/…` to it (a path prefix stays).
 */
export const ingesterBaseUrl = httpUrlRule(true);

/** The pattern (unanchored source) of a DNS host name: letters, digits, dots and '-', at most 253 characters. */
export const HOST_NAME = "[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?";
/** A host name, with an example fit for the key (`clickhouse.internal`, `doku.example.com`). */
export function hostnameLike(example: string) {
    const expected = `expected a host name such as ${example} (letters, digits, '.' and '-')`;
    return z.string({ error: expected }).regex(new RegExp(`^${HOST_NAME}$`), expected);
}
/** A DNS host name (HOST_NAME, anchored), e.g. an Ingress host. */
export const hostname = hostnameLike("doku.example.com");
const K8S_NAME = "expected a Kubernetes name (lower-case letters, digits and '-', at most 63)";
/** A Kubernetes object name (an RFC 1123 label: lower-case letters, digits and '-', at most 63). */
export const k8sName = z.string({ error: K8S_NAME }).regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, K8S_NAME);

const K8S_SUBDOMAIN = "expected a Kubernetes name (lower-case letters, digits, '-' and '.', at most 253)";
/**
 * The name of a Kubernetes object that is a DNS subdomain (RFC 1123: lower-case labels joined by '.', at most
 * 253), as a StorageClass, an IngressClass or a Secret is: `gp3.encrypted` is one.
 */
export const k8sSubdomainName = z
    .string({ error: K8S_SUBDOMAIN })
    .regex(/^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/, K8S_SUBDOMAIN);

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
