/**
 * @file Datadog sites and the hosts that hang off each. Every Datadog URL the package writes (dashboard
 * links, the provider's API URL, the ingester's metrics and logs intake) comes from here, and so does the
 * one check of a site value (`siteProblem`).
 */
import { UserInputError } from "../config/userError";

/**
 * The Datadog sites, by region. A `const` object rather than a union of string literals, so that the
 * component-package analyzer (`@pulumi/pulumi/provider/experimental`) sees an enum.
 */
export const DatadogSite = {
    US1: "datadoghq.com",
    US3: "us3.datadoghq.com",
    US5: "us5.datadoghq.com",
    EU1: "datadoghq.eu",
    AP1: "ap1.datadoghq.com",
    AP2: "ap2.datadoghq.com",
    US1_FED: "ddog-gov.com",
} as const;

/** One Datadog site, e.g. `datadoghq.eu`. */
export type DatadogSite = (typeof DatadogSite)[keyof typeof DatadogSite];

/** Every Datadog site, in the order messages list them. */
export const DATADOG_SITES = Object.values(DatadogSite) as [DatadogSite, ...DatadogSite[]];

/** Whether the string is one of DATADOG_SITES. */
export function isDatadogSite(site: string): site is DatadogSite {
    return (DATADOG_SITES as readonly string[]).includes(site);
}

/** What a message says a site must be. */
export const EXPECTED_SITE = `expected one of ${DATADOG_SITES.join(", ")}`;

/** The problem with a site value, naming it `label`, or undefined when it is one of DATADOG_SITES. */
export function siteProblem(label: string, site: unknown): string | undefined {
    return typeof site === "string" && isDatadogSite(site)
        ? undefined
        : `${label}: got ${JSON.stringify(site)}; ${EXPECTED_SITE}`;
}

/** Often called inside an `apply` (a site that comes from an Output): see UserInputError. */
function requireSite(site: string): DatadogSite {
    const problem = siteProblem("datadogSite", site);
    if (problem !== undefined) throw new UserInputError(problem);
    return site as DatadogSite;
}

/**
 * The web app's host: `app.` before the three "root" sites
 * (app.datadoghq.com, app.datadoghq.eu, app.ddog-gov.com); the regional
 * sites (us3, us5, ap1, ap2) serve the app on the site host itself.
 */
export function appHost(site: string): string {
    const checked = requireSite(site);
    return checked.split(".").length === 2 ? `app.${checked}` : checked;
}

/** Link to a dashboard on the site's web app. */
export function dashboardUrl(site: string, dashboardId: string): string {
    return `https://${appHost(site)}/dashboard/${dashboardId}`;
}

/**
 * The API URL terraform-provider-datadog (behind @pulumi/datadog) talks to:
 * `https://api.<site>/`. Its `api_url` defaults to `https://api.datadoghq.com`
 * and must not end in `/api/` (DataDog/terraform-provider-datadog,
 * datadog/provider.go, the `api_url` schema description, which lists
 * `https://api.datadoghq.eu/`, `https://api.us5.datadoghq.com/`, … as examples).
 */
export function datadogApiUrl(site: string): string {
    return `https://api.${requireSite(site)}/`;
}

/** The URLs the ingester posts to with a `datadog` connection. */
export interface DatadogIntakeUrls {
    /** v2 series endpoint: `https://api.<site>/api/v2/series`. */
    readonly metricsUrl: string;
    /** Logs intake: `https://http-intake.logs.<site>/api/v2/logs`. */
    readonly logsUrl: string;
}

/** The metrics and logs intake URLs of a site. */
export function datadogIntakeUrls(site: string): DatadogIntakeUrls {
    const checked = requireSite(site);
    return {
        metricsUrl: `https://api.${checked}/api/v2/series`,
        logsUrl: `https://http-intake.logs.${checked}/api/v2/logs`,
    };
}

/** The tag every monitor carries, and the monitor summary's search (one home for `service:doku`). */
export const DOKU_SERVICE_TAG = "service:doku";
