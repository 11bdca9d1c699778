/**
 * @file What synth hides in the files it writes: every config value that is secret (stored `secure:`, declared
 * secret by a `doku:` key, or secret in its provider's schema) and every URL's user-info, as `[secret]`; with a
 * warning naming each key whose secret the stack file stores in clear.
 */
import { CONFIG_KEYS, KeySpec, NAMESPACE } from "../config/keys";
import { escapeXml } from "../dashboards/svg";
import type { StackConfig } from "./stackConfig";

/** What synth shows instead of a secret. */
export const SECRET = "[secret]";

/** Which part of a config value is secret: all of it, or the named fields of its JSON (at any depth). */
type SecretPart = "whole" | { readonly fields: readonly string[] };

/**
 * Provider configuration that is secret in the provider's schema, or that carries credentials by what it is:
 * - datadog: the inputs @pulumi/datadog 5.11.0's `Provider` wraps in `pulumi.secret` and lists in
 *   `additionalSecretOutputs` (provider.js): apiKey, appKey, awsAccessKeyId, awsSecretAccessKey,
 *   awsSessionToken, bearerToken (test/synthSecrets.test.ts reads them back from the installed package);
 * - kubernetes: `kubeconfig`, "the contents of a kubeconfig file" (@pulumi/kubernetes provider.d.ts), which carry
 *   the client's key or token (the SDK does not mark it secret; its content is a credential);
 * - docker: `keyMaterial`, "PEM-encoded content of Docker client private key" (@pulumi/docker
 *   config/vars.d.ts), and in `registryAuth` each registry's `password` and `configFileContent` ("Plain content
 *   of the docker json file for registry auth", types/output.d.ts RegistryAuth); `host` is a URL, whose
 *   user-info is hidden as every URL's is;
 * - random has no provider configuration.
 */
export const PROVIDER_SECRETS: Readonly<Record<string, SecretPart>> = {
    "datadog:apiKey": "whole",
    "datadog:appKey": "whole",
    "datadog:awsAccessKeyId": "whole",
    "datadog:awsSecretAccessKey": "whole",
    "datadog:awsSessionToken": "whole",
    "datadog:bearerToken": "whole",
    "kubernetes:kubeconfig": "whole",
    "docker:keyMaterial": "whole",
    "docker:registryAuth": { fields: ["password", "configFileContent"] },
};

/** The `doku:` keys the key table declares secret. */
const DOKU_SECRETS = Object.entries(CONFIG_KEYS as Record<string, KeySpec>)
    .filter(([, spec]) => spec.secret)
    .map(([key]) => `${NAMESPACE}:${key}`);

/** A URL's user-info: `scheme://` then everything before `@` that is not `/`, `?`, `#`, a quote or a space. */
const USER_INFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#@\s"'<>`]+)@/g;

/** Shorter values are not searched for in the files (they would match ports and words), only hidden by key. */
const MIN_SCRUBBED_LENGTH = 6;

/** Every URL's user-info in the text as `[secret]`: `ssh://ops@box` → `ssh://[secret]@box`. */
export function maskUserInfo(text: string): string {
    return text.replace(USER_INFO, (_, scheme: string) => `${scheme}${SECRET}@`);
}

/** The passwords (`user:password@`) in the URLs of a text. */
function urlPasswords(text: string): string[] {
    return [...text.matchAll(USER_INFO)]
        .map((match) => match[2])
        .filter((userInfo) => userInfo.includes(":"))
        .map((userInfo) => userInfo.slice(userInfo.indexOf(":") + 1));
}

/** Whether a secret field holds something to hide: any value but an empty string or null (a number too). */
const holdsSecret = (child: unknown): boolean => child !== "" && child !== null && child !== undefined;

/** The value with each named field (at any depth) that holds a value (a string, a number, …) replaced by SECRET. */
function hideFields(value: unknown, fields: readonly string[], found: string[], path: string): unknown {
    if (Array.isArray(value)) return value.map((item, index) => hideFields(item, fields, found, `${path}[${index}]`));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
        Object.entries(value).map(([field, child]) => {
            const childPath = `${path}.${field}`;
            if (fields.includes(field) && holdsSecret(child)) {
                found.push(childPath);
                return [field, SECRET];
            }
            return [field, hideFields(child, fields, found, childPath)];
        }),
    );
}

/** How to store a key (or a path in it) encrypted. */
function storeAdvice(key: string, path?: string): string {
    return path === undefined
        ? `store it with \`pulumi config set --secret ${key} <value>\``
        : `store it with \`pulumi config set --secret --path '${path}' <value>\``;
}

/** The stack's settings as synth shows them, and what else it must hide. */
export interface SettingsView {
    /** `ns:key` → the value as the review shows it (secrets as SECRET, URL user-info masked). */
    readonly shown: Record<string, string>;
    /** The keys shown as SECRET as a whole. */
    readonly secretKeys: string[];
    /** Secret values the stack file stores in clear: never written anywhere. */
    readonly clearSecrets: string[];
    /** One warning per key that stores a secret in clear. */
    readonly warnings: string[];
}

/** Reads the stack configuration for review (see SettingsView). */
export function settingsView(stackConfig: StackConfig): SettingsView {
    const shown: Record<string, string> = {};
    const secretKeys: string[] = [];
    const clearSecrets: string[] = [];
    const warnings: string[] = [];
    for (const [key, value] of Object.entries(stackConfig.config)) {
        const encrypted = stackConfig.secretKeys.includes(key);
        const part: SecretPart | undefined = DOKU_SECRETS.includes(key) ? "whole" : PROVIDER_SECRETS[key];
        if (encrypted || part === "whole") {
            shown[key] = SECRET;
            secretKeys.push(key);
            if (!encrypted) {
                clearSecrets.push(value);
                warnings.push(`${key} is stored in clear in the stack file; ${storeAdvice(key)}`);
            }
            continue;
        }
        let text = value;
        if (part !== undefined) {
            const found: string[] = [];
            let parsed: unknown;
            try {
                parsed = JSON.parse(value);
            } catch {
                parsed = undefined;
            }
            const hidden = hideFields(parsed, part.fields, found, key);
            if (found.length > 0) {
                text = JSON.stringify(hidden);
                collectStrings(parsed, part.fields, clearSecrets);
                for (const path of found) {
                    warnings.push(`${path} is stored in clear in the stack file; ${storeAdvice(key, path)}`);
                }
            }
        }
        const passwords = urlPasswords(text);
        if (passwords.length > 0) {
            clearSecrets.push(...passwords);
            warnings.push(
                `${key}: a URL in it carries a password in clear; ` +
                    `store the value with \`pulumi config set --secret ${key} <value>\``,
            );
        }
        shown[key] = maskUserInfo(text);
    }
    return { shown, secretKeys, clearSecrets, warnings };
}

/** The values held by the named fields of a JSON value, at any depth, as text (a number as its digits). */
function collectStrings(value: unknown, fields: readonly string[], out: string[]): void {
    if (typeof value !== "object" || value === null) return;
    for (const [field, child] of Object.entries(value)) {
        if (!fields.includes(field) || !holdsSecret(child)) collectStrings(child, fields, out);
        else out.push(typeof child === "string" ? child : JSON.stringify(child));
    }
}

/**
 * A function that hides, in a text synth writes, every URL's user-info and each of `secrets` (as written, as
 * JSON and as HTML escape them); secrets shorter than MIN_SCRUBBED_LENGTH are only hidden by key.
 */
export function scrubber(secrets: readonly string[]): (text: string) => string {
    const forms = new Set<string>();
    for (const secret of secrets.filter((value) => value.length >= MIN_SCRUBBED_LENGTH)) {
        const json = JSON.stringify(secret).slice(1, -1);
        for (const form of [secret, json, escapeXml(secret), escapeXml(json)]) forms.add(form);
    }
    const longestFirst = [...forms].sort((left, right) => right.length - left.length);
    return (text) => longestFirst.reduce((scrubbed, form) => scrubbed.split(form).join(SECRET), maskUserInfo(text));
}

/** The value with `scrub` applied to every string in it (keys included). */
export function scrubDeep(value: unknown, scrub: (text: string) => string): unknown {
    if (typeof value === "string") return scrub(value);
    if (Array.isArray(value)) return value.map((item) => scrubDeep(item, scrub));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [scrub(key), scrubDeep(child, scrub)]));
}
