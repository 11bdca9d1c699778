/**
 * @file Plain HTTP to the ingester's API, one rule for the config loader and DokuObservability: the program POSTs
 * the Doku API key and the Datadog API key to the management URL, so a URL that is `http://` to another machine
 * is refused unless `allowPlainHttp` is true, and then warned about at every preview. The URL is judged as the
 * ingester component will build it (ingester/docker.ts, ingester/kubernetes.ts: the Ingress URL wins over the
 * management URL, which wins over a LoadBalancer's address).
 */
import * as pulumi from "@pulumi/pulumi";
import { LOCAL_DOCKER_HOST } from "./keys";
import { isLoopbackHost, isPlainHttpOffMachine } from "./httpUrl";
import type { FieldNaming, RuleField, RuleValues } from "./crossRules";
import { CONFIG_DEFAULTS } from "./defaults";
import { showValue } from "./problems";
import { UserInputError } from "./userError";

/** The fields the rule reads: it is not judged while one of them is itself invalid. */
export const PLAIN_HTTP_FIELDS = [
    "target",
    "ingesterUrl",
    "dockerHost",
    "ingesterHostPort",
    "ingressHost",
    "ingressTlsSecret",
    "managementUrl",
    "serviceType",
    "kubernetesSkipAwait",
    "allowPlainHttp",
] as const satisfies readonly RuleField[];

/** What is sent over the management URL (the messages say it). */
const WHAT = "this program would send the Datadog API key and the Doku API key over plain HTTP to";

/** Where the management URL comes from, when it is plain HTTP to another machine. */
interface PlainHttp {
    /** The field to change. */
    readonly field: "ingesterUrl" | "dockerHost" | "ingressHost" | "managementUrl" | "serviceType";
    /** The field's value, as the message shows it. */
    readonly value: unknown;
    /** The URL (or its shape, for a load balancer). */
    readonly url: string;
    /** What would fix it, besides allowPlainHttp. */
    readonly fix: string;
}

const plain = (url: unknown): url is string => typeof url === "string" && isPlainHttpOffMachine(url);

/**
 * The plain-HTTP management URL the values lead to, or undefined: https, loopback, or not known before the
 * resources exist (an Output: DokuObservability then judges the URL once it is known).
 */
function plainHttpUrl(values: RuleValues, naming: FieldNaming): PlainHttp | undefined {
    const httpsOrLoopback = `an https:// or loopback ${naming.name("managementUrl")}`;
    if (values.target === "external") {
        return plain(values.ingesterUrl)
            ? { field: "ingesterUrl", value: values.ingesterUrl, url: values.ingesterUrl, fix: "an https:// URL" }
            : undefined;
    }
    if (values.target === "kubernetes") {
        if (typeof values.ingressHost === "string") {
            if (values.ingressTlsSecret !== undefined || isLoopbackHost(values.ingressHost)) return undefined;
            const tls = naming.name("ingressTlsSecret");
            const url = `http://${values.ingressHost}`;
            return { field: "ingressHost", value: values.ingressHost, url, fix: `${tls} (then https://)` };
        }
        if (values.ingressHost !== undefined) return undefined;
        if (values.managementUrl !== undefined) {
            return plain(values.managementUrl)
                ? {
                      field: "managementUrl",
                      value: values.managementUrl,
                      url: values.managementUrl,
                      fix: "an https:// URL, or a loopback one such as http://localhost:9044 with kubectl port-forward",
                  }
                : undefined;
        }
        // Without the Service's wait the address is never known (crossRules.ts refuses that on its own).
        const skipped = Array.isArray(values.kubernetesSkipAwait) && values.kubernetesSkipAwait.includes("Service");
        if (values.serviceType !== "LoadBalancer" || skipped) return undefined;
        const host = naming.name("ingressHost");
        return {
            field: "serviceType",
            value: "LoadBalancer",
            url: "http://<the load balancer's address>",
            fix: `${host} with ${naming.name("ingressTlsSecret")}, or ${httpsOrLoopback}`,
        };
    }
    const host = typeof values.dockerHost === "string" ? values.dockerHost : LOCAL_DOCKER_HOST;
    if (isLoopbackHost(host)) return undefined;
    const port =
        typeof values.ingesterHostPort === "number" ? values.ingesterHostPort : CONFIG_DEFAULTS.ingesterHostPort;
    return {
        field: "dockerHost",
        value: host,
        url: `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`,
        fix: "a loopback host (localhost, with an SSH tunnel to the published port)",
    };
}

/**
 * The problem of a plain-HTTP management URL when `allowPlainHttp` is not true (what to change, or the key that
 * accepts it), else nothing.
 */
export function plainHttpProblems(values: RuleValues, naming: FieldNaming): string[] {
    if (values.allowPlainHttp === true) return [];
    const found = plainHttpUrl(values, naming);
    if (found === undefined) return [];
    return [
        `${naming.name(found.field)}: got ${showValue(found.value)}: ${WHAT} ${found.url}; ` +
            `expected ${found.fix}, or ${naming.name("allowPlainHttp")}: true to accept plain HTTP`,
    ];
}

/** The warning for a plain-HTTP management URL that `allowPlainHttp` accepts, or undefined. */
export function plainHttpWarning(values: RuleValues, naming: FieldNaming): string | undefined {
    if (values.allowPlainHttp !== true) return undefined;
    const found = plainHttpUrl(values, naming);
    return found === undefined ? undefined : plainHttpAllowed(found.url, naming);
}

/**
 * The management URL as the resources that send the keys get it: the same URL, once it is known, unless it is
 * plain HTTP to another machine: then an error (the keys are never sent) or, with `allowPlainHttp`, a warning
 * (unless `warned`: the arguments told, and the component warned at once).
 */
export function keysUrl(
    url: pulumi.Output<string>,
    allowPlainHttp: boolean | undefined,
    warned: boolean,
    naming: FieldNaming,
    resource?: pulumi.Resource,
): pulumi.Output<string> {
    return url.apply((known) => {
        if (!isPlainHttpOffMachine(known)) return known;
        if (allowPlainHttp !== true) throw new UserInputError(plainHttpRefused(known, naming));
        if (!warned) void pulumi.log.warn(plainHttpAllowed(known, naming), resource);
        return known;
    });
}

/** The warning for a management URL, known only now, that is plain HTTP and allowed. */
export function plainHttpAllowed(url: string, naming: FieldNaming): string {
    return (
        `plain HTTP: the Datadog API key and the Doku API key are sent unencrypted to ${showValue(url)} ` +
        `(${naming.name("allowPlainHttp")} is true); use https:// to protect them`
    );
}

/** The error for a management URL, known only now, that is plain HTTP and not allowed. */
export function plainHttpRefused(url: string, naming: FieldNaming): string {
    return (
        `${WHAT} ${showValue(url)}, which is not loopback: refused; ` +
        `expected an https:// URL, or ${naming.name("allowPlainHttp")}: true to accept plain HTTP`
    );
}
