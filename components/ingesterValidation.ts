import { CONFIG_KEYS } from "../config/keys";
import { AWAITED_KINDS } from "../config/kubernetesKeys";
import { Schema, fieldProblem, showValue } from "../config/problems";
import type { DokuIngesterArgs } from "./dokuIngester";
import { plainValue } from "./validation";

/**
 * The Kubernetes kinds whose readiness pulumi-kubernetes awaits and that the
 * component lets you skip (`pulumi.com/skipAwait`) or time out differently.
 */
export const KUBERNETES_AWAIT_KINDS = AWAITED_KINDS;
/** One of `KUBERNETES_AWAIT_KINDS`: what the Kubernetes target's `skipAwait` and `awaitTimeoutMinutes` name. */
export type KubernetesAwaitKind = (typeof KUBERNETES_AWAIT_KINDS)[number];

/** Problems with the Kubernetes arguments for reachability and awaits (the config keys' own rules). */
type Check = (path: string, value: unknown, schema: Schema) => void;

function kubernetesProblems(args: DokuIngesterArgs, check: Check): string[] {
    const problems: string[] = [];
    const k = args.kubernetes ?? {};
    check("kubernetes.ingress.annotations", k.ingress?.annotations, CONFIG_KEYS.ingressAnnotations.schema);
    check("kubernetes.managementUrl", k.managementUrl, CONFIG_KEYS.managementUrl.schema);
    check("kubernetes.skipAwait", k.skipAwait, CONFIG_KEYS.kubernetesSkipAwait.schema);
    check("kubernetes.awaitTimeoutMinutes", k.awaitTimeoutMinutes, CONFIG_KEYS.kubernetesAwaitTimeouts.schema);
    if ((args.target ?? "docker") !== "kubernetes") return problems;

    const loadBalancer = k.serviceType === "LoadBalancer";
    if (k.ingress === undefined && k.managementUrl === undefined && !loadBalancer) {
        problems.push(`args.kubernetes: got serviceType ${showValue(k.serviceType ?? "ClusterIP")}, no ingress ` +
            "and no managementUrl, so the machine running Pulumi cannot reach the ingester (the API key and the " +
            "Datadog connection are set through its API); expected kubernetes.ingress, kubernetes.serviceType " +
            "\"LoadBalancer\" or kubernetes.managementUrl (e.g. http://localhost:9044 through kubectl port-forward)");
    }
    if (k.ingress === undefined && loadBalancer && (k.skipAwait ?? []).includes("Service")) {
        problems.push("args.kubernetes.skipAwait: got \"Service\" with serviceType \"LoadBalancer\" and no ingress; " +
            "the ingester's URL is then the load balancer's address, which Pulumi has only when it awaits the " +
            "Service; expected no \"Service\" in skipAwait, or an ingress");
    }
    return problems;
}

/** Every problem with a DokuIngester's arguments, each naming the argument. */
export function ingesterProblems(args: DokuIngesterArgs): string[] {
    const problems: string[] = [];
    const check = (path: string, value: unknown, schema: Schema) => {
        const problem = value === undefined ? undefined : fieldProblem(`args.${path}`, value, schema);
        if (problem !== undefined) problems.push(problem);
    };
    const target = args.target ?? "docker";
    check("target", args.target, CONFIG_KEYS.target.schema);
    const url = plainValue(args.ingesterUrl);
    if (target === "external") {
        if (args.ingesterUrl === undefined) {
            problems.push(`args.ingesterUrl: missing; required when target is external (the ingester's base URL)`);
        }
        check("ingesterUrl", url, CONFIG_KEYS.ingesterUrl.schema);
    }
    const ch = args.clickhouse ?? {};
    check("clickhouse.host", ch.host, CONFIG_KEYS.clickhouseHost.schema);
    check("clickhouse.port", ch.port, CONFIG_KEYS.clickhousePort.schema);
    check("clickhouse.httpPort", ch.httpPort, CONFIG_KEYS.clickhouseHttpPort.schema);
    check("clickhouse.database", ch.database, CONFIG_KEYS.clickhouseDatabase.schema);
    check("clickhouse.user", ch.user, CONFIG_KEYS.clickhouseUser.schema);
    if (target !== "external" && ch.host !== undefined && ch.password === undefined) {
        problems.push("args.clickhouse.password: missing; required with clickhouse.host " +
            "(the existing ClickHouse's password)");
    }
    check("retentionPeriod", args.retentionPeriod, CONFIG_KEYS.retentionPeriod.schema);
    check("pricingUrl", args.pricingUrl, CONFIG_KEYS.pricingUrl.schema);
    check("images.ingester", args.images?.ingester, CONFIG_KEYS.ingesterImage.schema);
    check("images.clickhouse", args.images?.clickhouse, CONFIG_KEYS.clickhouseImage.schema);
    check("images.ui", args.images?.ui, CONFIG_KEYS.uiImage.schema);
    check("docker.host", args.docker?.host, CONFIG_KEYS.dockerHost.schema);
    check("docker.ingesterHostPort", args.docker?.ingesterHostPort, CONFIG_KEYS.ingesterHostPort.schema);
    check("docker.clickhouseHostPort", args.docker?.clickhouseHostPort, CONFIG_KEYS.clickhouseHostPort.schema);
    check("docker.uiHostPort", args.docker?.uiHostPort, CONFIG_KEYS.uiHostPort.schema);
    const k = args.kubernetes ?? {};
    check("kubernetes.namespace", k.namespace, CONFIG_KEYS.namespace.schema);
    check("kubernetes.replicas", k.replicas, CONFIG_KEYS.replicas.schema);
    check("kubernetes.serviceType", k.serviceType, CONFIG_KEYS.serviceType.schema);
    check("kubernetes.ingress.host", k.ingress?.host, CONFIG_KEYS.ingressHost.schema);
    check("kubernetes.ingress.className", k.ingress?.className, CONFIG_KEYS.ingressClassName.schema);
    check("kubernetes.ingress.tlsSecret", k.ingress?.tlsSecret, CONFIG_KEYS.ingressTlsSecret.schema);
    check("kubernetes.storageClass", k.storageClass, CONFIG_KEYS.storageClass.schema);
    check("kubernetes.storageSize", k.storageSize, CONFIG_KEYS.storageSize.schema);
    const rules = kubernetesProblems(args, check);
    return [...problems, ...rules];
}
