/**
 * @file The ingester's own per-platform rules for a connection
 * (doku-ingester.md, `/api/connections`), applied before any HTTP call.
 */
import type { ConnectionSpec, Platform } from "./client";
import { urlProblem } from "./urls";
import type { UncheckedProperties } from "./operations";

/** The fields of a connection a platform requires or refuses. */
export const CONNECTION_FIELDS = ["metricsUrl", "logsUrl", "apiKey", "metricsUsername", "logsUsername"] as const;
/** One of CONNECTION_FIELDS. */
export type ConnectionField = (typeof CONNECTION_FIELDS)[number];

/** Per platform: the fields it requires, and those it takes none of (they must be unset or empty). */
export const PLATFORM_RULES: Record<Platform, { required: ConnectionField[]; empty: ConnectionField[] }> = {
    datadog: { required: ["apiKey", "metricsUrl", "logsUrl"], empty: ["metricsUsername", "logsUsername"] },
    newrelic: { required: ["apiKey", "metricsUrl", "logsUrl"], empty: ["metricsUsername", "logsUsername"] },
    dynatrace: { required: ["apiKey", "metricsUrl", "logsUrl"], empty: ["metricsUsername", "logsUsername"] },
    grafana: { required: ["apiKey", "metricsUrl", "logsUrl", "metricsUsername", "logsUsername"], empty: [] },
    signoz: { required: ["apiKey", "logsUrl"], empty: [] },
};

/** Inputs of a DokuConnection, exactly (here, below the provider and its operations, which both use it). */
export interface DokuConnectionInputs extends ConnectionSpec {
    /** Base URL of the ingester. */
    readonly ingesterUrl: string;
    /** The Doku API key the ingester authenticates the calls with (secret). */
    readonly dokuApiKey: string;
    /** How long create waits for the ingester to be ready. Default: DEFAULT_READINESS_TIMEOUT_SECONDS. */
    readonly readinessTimeoutSeconds?: number;
}

/** How long a DokuConnection (and a DokuApiKey) waits for the ingester to be ready, by default. */
export const DEFAULT_READINESS_TIMEOUT_SECONDS = 300;

/** Pulumi's placeholder for a value not known until apply (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A rule an input breaks, as a dynamic provider's `check` reports it (pulumi.dynamic.CheckFailure). */
export interface Failure {
    /** The input that breaks the rule. */
    readonly property: string;
    /** What was given (never a secret's value) and what is expected. */
    readonly reason: string;
}

/**
 * Every rule the inputs break. Unknown values (preview) satisfy "must be set"
 * and are not judged otherwise. Secret values are never quoted.
 */
export function connectionFailures(
    inputs: UncheckedProperties<DokuConnectionInputs>,
    secretFields: readonly string[] = ["apiKey", "dokuApiKey"],
): Failure[] {
    const failures: Failure[] = [];
    const isUnknown = (value: unknown) => value === UNKNOWN;
    const isSet = (value: unknown) => isUnknown(value) || (typeof value === "string" && value !== "");
    const show = (field: string, value: unknown) =>
        secretFields.includes(field) ? "a secret value" : JSON.stringify(value);
    const platforms = Object.keys(PLATFORM_RULES);

    const url = inputs.ingesterUrl;
    if (!isSet(url))
        failures.push({
            property: "ingesterUrl",
            reason: "missing; expected the ingester's base URL, e.g. http://localhost:9044",
        });
    else if (!isUnknown(url)) {
        const problem = urlProblem(url, "the ingester authenticates with dokuApiKey");
        if (problem !== undefined) failures.push({ property: "ingesterUrl", reason: problem });
    }
    if (!isSet(inputs.dokuApiKey))
        failures.push({
            property: "dokuApiKey",
            reason: "missing; expected the Doku API key the ingester authenticates with",
        });

    const platform = inputs.platform;
    if (isUnknown(platform)) return failures;
    if (typeof platform !== "string" || !platforms.includes(platform)) {
        failures.push({
            property: "platform",
            reason: `got ${JSON.stringify(platform)}; expected one of ${platforms.join(", ")}`,
        });
        return failures;
    }
    const rules = PLATFORM_RULES[platform as Platform];
    for (const field of rules.required) {
        if (!isSet(inputs[field]))
            failures.push({
                property: field,
                reason: `missing; platform ${platform} requires ${rules.required.join(", ")}`,
            });
    }
    for (const field of rules.empty) {
        const value = inputs[field];
        if (value !== undefined && value !== "" && !isUnknown(value)) {
            failures.push({
                property: field,
                reason: `got ${show(field, value)}; platform ${platform} takes no ${field} (leave it unset)`,
            });
        }
    }
    for (const field of ["metricsUrl", "logsUrl"] as const) {
        const value = inputs[field];
        if (typeof value === "string" && value !== "" && !isUnknown(value)) {
            // Credentials in these URLs would sit in plain inputs and state: the platform authenticates with apiKey.
            const problem = urlProblem(value, `platform ${String(platform)} authenticates with apiKey`);
            if (problem !== undefined) failures.push({ property: field, reason: problem });
        }
    }
    const timeout = inputs.readinessTimeoutSeconds;
    if (
        timeout !== undefined &&
        !isUnknown(timeout) &&
        !(typeof timeout === "number" && Number.isInteger(timeout) && timeout >= 1 && timeout <= 3600)
    ) {
        failures.push({
            property: "readinessTimeoutSeconds",
            reason: `got ${JSON.stringify(timeout)}; expected an integer from 1 to 3600`,
        });
    }
    return failures;
}
