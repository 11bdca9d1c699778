/**
 * @file The loader's own rules about the stack's configuration as a whole: keys set for another target,
 * `datadog:apiUrl` against the site, the Datadog provider's keys that this program does not read, and the stack
 * name as the environment (DokuObservability checks that one too). The rules across `doku:` fields, shared
 * with the components, are in crossRules.ts.
 */
import { datadogApiUrl } from "../datadog/sites";
import { CONFIG_KEYS, CONFIG_KEY_NAMES, EXPECTED_ENVIRONMENT, NAMESPACE } from "./keys";
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

/**
 * The Datadog provider's own keys (the Datadog provider's docs: `pulumi config set datadog:apiKey … --secret`)
 * and the `doku:` key this program reads instead: it builds its own provider from the `doku:` keys.
 */
export const DATADOG_PROVIDER_KEYS = {
    datadogApiKey: "datadog:apiKey",
    datadogAppKey: "datadog:appKey",
} as const;

/** `; datadog:apiKey is set, but …` when the provider's key of a missing `doku:` key is set, else "". */
export function providerKeyHint(key: string, raw: Readonly<Record<string, string>>): string {
    const providerKey = (DATADOG_PROVIDER_KEYS as Record<string, string>)[key];
    if (providerKey === undefined || raw[providerKey] === undefined) return "";
    return (
        ` (${providerKey} is set, but this program does not read it: it builds its own Datadog provider from ` +
        `${NAMESPACE}:${key}; set the same key there)`
    );
}

/** `datadog:apiKey is not used: …` for each Datadog provider key set next to the `doku:` key this program reads. */
export function providerKeyWarnings(raw: Readonly<Record<string, string>>): string[] {
    return Object.entries(DATADOG_PROVIDER_KEYS)
        .filter(([key, providerKey]) => raw[providerKey] !== undefined && raw[`${NAMESPACE}:${key}`] !== undefined)
        .map(
            ([key, providerKey]) =>
                `${providerKey} is not used: this program builds its own Datadog provider from ` +
                `${NAMESPACE}:${key} (and ${NAMESPACE}:datadogSite); you may remove ${providerKey}`,
        );
}

/**
 * The problem with the stack name when it stands for the environment (no `environment` set): an invalid name
 * would give every monitor an invalid `env:` tag. Undefined when the name is valid.
 */
export function stackEnvironmentProblem(stack: string, naming: FieldNaming): string | undefined {
    if (CONFIG_KEYS.environment.schema.safeParse(stack).success) return undefined;
    return (
        `${naming.name("environment")}: missing, and the stack name ${showValue(stack)} that stands for it is ` +
        `not valid; ${EXPECTED_ENVIRONMENT}: set ${naming.name("environment")}`
    );
}
