import { CONFIG_KEYS, CONFIG_KEY_NAMES, KeySpec, NAMESPACE, Target } from "./keys";
import { concreteDefault } from "./declared";
import { showValue } from "./problems";

/**
 * Rules across keys that need no value of a secret. Each returns messages in
 * the loader's form (`doku:<key>: …`) or, for warnings, plain sentences.
 */

/**
 * `doku:<key> is ignored with doku:target <target>` for every key set on a stack whose
 * target it does not apply to (KeySpec.targets). A value equal to the key's Pulumi.yaml
 * default is not warned about: the Pulumi CLI copies declared defaults into every stack
 * (see config/declared.ts).
 */
export function ignoredKeyWarnings(target: Target, raw: Readonly<Record<string, string>>): string[] {
    const warnings: string[] = [];
    for (const key of CONFIG_KEY_NAMES) {
        const spec: KeySpec = CONFIG_KEYS[key];
        const value = raw[`${NAMESPACE}:${key}`];
        if (value === undefined || spec.targets === undefined || spec.targets.includes(target)) continue;
        if (!spec.secret && value === concreteDefault(spec)) continue;
        const targets = spec.targets.join(" and ");
        warnings.push(`${NAMESPACE}:${key} is ignored with doku:target ${target}: `
            + `it applies to target ${targets} only`);
    }
    return warnings;
}

/** What the Kubernetes reachability rule reads. */
export interface Reachability {
    readonly ingressHost?: string;
    readonly serviceType?: string;
    readonly managementUrl?: string;
    readonly skipAwait?: readonly string[];
}

/**
 * On Kubernetes the program calls the ingester's API (connection check, API key
 * bootstrap), so it needs a URL it can reach: an Ingress host, a LoadBalancer
 * address (which Pulumi only learns by waiting for the Service), or doku:managementUrl.
 */
export function reachabilityProblems(k: Reachability): string[] {
    if (k.ingressHost !== undefined || k.managementUrl !== undefined) return [];
    if (k.serviceType !== "LoadBalancer") {
        return ["doku:target: got \"kubernetes\" with no URL at which this program reaches the ingester; "
            + "expected one of "
            + "doku:ingressHost, doku:serviceType: LoadBalancer, or doku:managementUrl "
            + "(e.g. http://localhost:9044 with kubectl port-forward)"];
    }
    // pulumi-kubernetes provider/pkg/await/service.go: a LoadBalancer Service is awaited until
    // status.loadBalancer.ingress is set; pulumi.com/skipAwait skips that wait, so the address stays unknown.
    if (k.skipAwait?.includes("Service")) {
        return ["doku:kubernetesSkipAwait: got Service with doku:serviceType LoadBalancer and neither "
            + "doku:ingressHost nor doku:managementUrl; expected Service to be awaited (else the load balancer's "
            + "address is never known), or doku:ingressHost or doku:managementUrl to be set"];
    }
    return [];
}

/** The Datadog API URL of a site, as the Datadog provider's apiUrl takes it (`https://api.<site>/`). */
export function datadogApiUrl(site: string): string {
    return `https://api.${site}/`;
}

/**
 * `datadog:apiUrl` must name the same site as doku:datadogSite: the dashboard and monitors would
 * otherwise go to another Datadog site than the one the links and the telemetry use.
 * @pulumi/datadog config/vars.d.ts (apiUrl): "https://api.datadoghq.com/ is a correct value ...
 * https://api.datadoghq.eu/ ... https://api.us5.datadoghq.com/".
 */
export function apiUrlProblem(site: string, apiUrl: string | undefined): string | undefined {
    if (apiUrl === undefined) return undefined;
    const expected = datadogApiUrl(site);
    const strip = (u: string) => u.trim().replace(/\/+$/, "").toLowerCase();
    if (strip(apiUrl) === strip(expected)) return undefined;
    return `datadog:apiUrl: got ${showValue(apiUrl)}; expected ${expected} to match doku:datadogSite (${site}), `
        + "or leave datadog:apiUrl unset (it follows doku:datadogSite)";
}
