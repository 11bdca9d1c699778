/**
 * Datadog sites and the hosts that hang off each. Every Datadog URL the
 * package writes (dashboard links, the ingester's metrics and logs intake)
 * comes from here.
 */
import { UserInputError } from "../config/userError";
export const DATADOG_SITES = [
    "datadoghq.com",
    "us3.datadoghq.com",
    "us5.datadoghq.com",
    "datadoghq.eu",
    "ap1.datadoghq.com",
    "ap2.datadoghq.com",
    "ddog-gov.com",
] as const;

export type DatadogSite = (typeof DATADOG_SITES)[number];

export function isDatadogSite(site: string): site is DatadogSite {
    return (DATADOG_SITES as readonly string[]).includes(site);
}

/** The problem with a site value, or undefined when it is one of DATADOG_SITES. */
export function siteProblem(label: string, site: unknown): string | undefined {
    return typeof site === "string" && isDatadogSite(site) ? undefined : `${label}: got ${JSON.stringify(site)}; expected one of ${DATADOG_SITES.join(", ")}`;
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
    const s = requireSite(site);
    return s.split(".").length === 2 ? `app.${s}` : s;
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

export function datadogIntakeUrls(site: string): DatadogIntakeUrls {
    const s = requireSite(site);
    return {
        metricsUrl: `https://api.${s}/api/v2/series`,
        logsUrl: `https://http-intake.logs.${s}/api/v2/logs`,
    };
}
