/**
 * @file The loader's own rules about the stack's configuration as a whole: keys set for another target, and
 * `datadog:apiUrl` against the site. (The rules across `doku:` fields, shared with the components, are in
 * crossRules.ts.)
 */
import { datadogApiUrl } from "../datadog/sites";
import { CONFIG_KEYS, CONFIG_KEY_NAMES, NAMESPACE } from "./keys";
import { KeySpec, Target } from "./keySpec";
import { concreteDefault } from "./declared";
import { FieldNaming } from "./crossRules";
import { showValue } from "./problems";

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
        warnings.push(
            `${NAMESPACE}:${key} is ignored with doku:target ${target}: ` + `it applies to target ${targets} only`,
        );
    }
    return warnings;
}

/**
 * `datadog:apiUrl` must name the same site as doku:datadogSite: the dashboard and monitors would
 * otherwise go to another Datadog site than the one the links and the telemetry use.
 * @pulumi/datadog config/vars.d.ts (apiUrl): "https://api.datadoghq.com/ is a correct value ...
 * https://api.datadoghq.eu/ ... https://api.us5.datadoghq.com/".
 */
export function apiUrlProblem(site: string, apiUrl: string | undefined, naming: FieldNaming): string | undefined {
    if (apiUrl === undefined) return undefined;
    const expected = datadogApiUrl(site);
    const normalized = (url: string) => url.trim().replace(/\/+$/, "").toLowerCase();
    if (normalized(apiUrl) === normalized(expected)) return undefined;
    const siteName = naming.name("datadogSite");
    return (
        `datadog:apiUrl: got ${showValue(apiUrl)}; expected ${expected} to match ${siteName} (${site}), ` +
        `or leave datadog:apiUrl unset (it follows ${siteName})`
    );
}
