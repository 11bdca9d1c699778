import { DokuApiError } from "./api";
import { TransportError } from "./transport";

/**
 * What a transport failure means, in words, with what to do when that is
 * known. A host name that does not resolve is the usual first `pulumi up`
 * on Kubernetes: the ingester's Service name resolves only inside the
 * cluster, not on the machine running Pulumi.
 */
export function networkFailure(
    method: string,
    baseUrl: string,
    path: string,
    cause: unknown,
    timeoutMs: number,
    secrets: readonly (string | undefined)[],
): DokuApiError {
    const failure =
        cause instanceof TransportError ? cause : new TransportError(String((cause as Error)?.name), "other", true);
    const host = new URL(baseUrl).hostname;
    const redact = (text: string) =>
        secrets.reduce<string>(
            (redacted, secret) => (secret ? redacted.split(secret).join("[redacted]") : redacted),
            text,
        );
    const tls = /CERT|SELF_SIGNED|SSL|TLS/.test(failure.code ?? "");
    const reach = "on Kubernetes set doku:ingressHost, doku:serviceType LoadBalancer or doku:managementUrl";
    const what: Record<string, string> = {
        refused: "connection refused (the ingester is not listening yet, or the URL is wrong)",
        "no-such-host":
            `the ingester host ${host} does not resolve from this machine (the machine running Pulumi)` +
            ` (${failure.code}); ${reach} so that Pulumi can reach the ingester`,
        "dns-temporary":
            `the ingester host ${host} could not be resolved from this machine (the machine running ` +
            `Pulumi): its DNS resolver did not answer (${failure.code}); check this machine's DNS, or ${reach}`,
        unreachable: `no route to ${host} (${failure.code})`,
        timeout: `no answer within ${timeoutMs} ms`,
        reset: "the connection was reset before the answer was complete",
        "too-large": `${failure.message}; is this URL a Doku ingester?`,
        other: `network error: ${redact(failure.message)}${tls ? " (TLS: check the certificate or the scheme)" : ""}`,
    };
    // A name that does not exist, an oversized answer or a TLS failure: another attempt gets the same.
    const retryable = !["no-such-host", "too-large"].includes(failure.kind) && !tls;
    return new DokuApiError(
        `${method} ${baseUrl}${path}: ${what[failure.kind]}`,
        method,
        path,
        undefined,
        undefined,
        retryable,
        failure.kind,
        failure.requestSent,
    );
}
