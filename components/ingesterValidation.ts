/**
 * @file The validation of DokuIngester's arguments (also DokuObservability's ingester fields): each field
 * against its `doku:` key's rule (config/keys.ts), then the rules across fields (config/crossRules.ts),
 * named `args.<path>`.
 */
import { CONFIG_KEYS } from "../config/keys";
import { AWAITED_KINDS, KubernetesAwaitKind } from "../config/kubernetesKeys";
import { Schema, fieldProblem, secretProblem } from "../config/problems";
import { RuleField, RuleValues, argumentNaming, crossFieldProblems } from "../config/crossRules";
import type { IngesterDeploymentArgs } from "../config/ingesterArgs";
import { INGESTER_FIELDS } from "./argumentFields";
import { argsProblem, isPlainObject, shapeProblems } from "./argumentShape";
import { plainValue } from "./validation";

/**
 * The Kubernetes kinds whose readiness pulumi-kubernetes awaits and that the
 * component lets you skip (`pulumi.com/skipAwait`) or time out differently.
 */
export const KUBERNETES_AWAIT_KINDS = AWAITED_KINDS;
export { KubernetesAwaitKind };

/** Each field against its key's rule: `[path, value, key]`. */
function fieldChecks(args: IngesterDeploymentArgs): Array<[string, unknown, keyof typeof CONFIG_KEYS]> {
    const clickhouse = args.clickhouse ?? {};
    const kubernetes = args.kubernetes ?? {};
    const target = args.target ?? "docker";
    return [
        ["target", args.target, "target"],
        ["ingesterUrl", target === "external" ? plainValue(args.ingesterUrl) : undefined, "ingesterUrl"],
        ["clickhouse.host", plainValue(clickhouse.host), "clickhouseHost"],
        ["clickhouse.port", clickhouse.port, "clickhousePort"],
        ["clickhouse.httpPort", clickhouse.httpPort, "clickhouseHttpPort"],
        ["clickhouse.database", clickhouse.database, "clickhouseDatabase"],
        ["clickhouse.user", clickhouse.user, "clickhouseUser"],
        ["retentionPeriod", args.retentionPeriod, "retentionPeriod"],
        ["ui", args.ui, "ui"],
        ["pricingUrl", args.pricingUrl, "pricingUrl"],
        ["images.ingester", args.images?.ingester, "ingesterImage"],
        ["images.clickhouse", args.images?.clickhouse, "clickhouseImage"],
        ["images.ui", args.images?.ui, "uiImage"],
        ["docker.host", args.docker?.host, "dockerHost"],
        ["docker.ingesterHostPort", args.docker?.ingesterHostPort, "ingesterHostPort"],
        ["docker.clickhouseHostPort", args.docker?.clickhouseHostPort, "clickhouseHostPort"],
        ["docker.uiHostPort", args.docker?.uiHostPort, "uiHostPort"],
        ["docker.publishAddress", args.docker?.publishAddress, "dockerPublishAddress"],
        ["docker.retainVolumes", args.docker?.retainVolumes, "dockerRetainVolumes"],
        ["kubernetes.namespace", kubernetes.namespace, "namespace"],
        ["kubernetes.createNamespace", kubernetes.createNamespace, "createNamespace"],
        ["kubernetes.replicas", kubernetes.replicas, "replicas"],
        ["kubernetes.serviceType", kubernetes.serviceType, "serviceType"],
        ["kubernetes.ingress.host", kubernetes.ingress?.host, "ingressHost"],
        ["kubernetes.ingress.className", kubernetes.ingress?.className, "ingressClassName"],
        ["kubernetes.ingress.tlsSecret", kubernetes.ingress?.tlsSecret, "ingressTlsSecret"],
        ["kubernetes.storageClass", kubernetes.storageClass, "storageClass"],
        ["kubernetes.storageSize", kubernetes.storageSize, "storageSize"],
        // The UI's volume size follows the same rule as ClickHouse's (doku:storageSize); it has no key.
        ["kubernetes.uiStorageSize", kubernetes.uiStorageSize, "storageSize"],
        ["kubernetes.podSecurityLevel", kubernetes.podSecurityLevel, "podSecurityLevel"],
        ["kubernetes.ingress.annotations", kubernetes.ingress?.annotations, "ingressAnnotations"],
        ["kubernetes.managementUrl", kubernetes.managementUrl, "managementUrl"],
        ["kubernetes.skipAwait", kubernetes.skipAwait, "kubernetesSkipAwait"],
        ["kubernetes.awaitTimeoutMinutes", kubernetes.awaitTimeoutMinutes, "kubernetesAwaitTimeouts"],
    ];
}

/** What the cross-field rules read from the ingester's arguments. */
export function ingesterRuleValues(args: IngesterDeploymentArgs): RuleValues {
    const kubernetes = args.kubernetes ?? {};
    return {
        target: args.target ?? "docker",
        ingesterUrl: args.ingesterUrl,
        clickhouseHost: args.clickhouse?.host,
        clickhousePassword: args.clickhouse?.password,
        ingressHost: kubernetes.ingress?.host,
        ingressClassName: kubernetes.ingress?.className,
        ingressTlsSecret: kubernetes.ingress?.tlsSecret,
        ingressAnnotations: kubernetes.ingress?.annotations,
        serviceType: kubernetes.serviceType,
        managementUrl: kubernetes.managementUrl,
        kubernetesSkipAwait: kubernetes.skipAwait,
        podSecurityLevel: kubernetes.podSecurityLevel,
        ui: args.ui,
        dockerHost: args.docker?.host,
        dockerPublishAddress: args.docker?.publishAddress,
        ingesterHostPort: args.docker?.ingesterHostPort,
        uiHostPort: args.docker?.uiHostPort,
        clickhouseHostPort: args.docker?.clickhouseHostPort,
    };
}

/** Each ingester field against its key's rule, named `args.<path>`; adds the invalid fields to `invalid`. */
export function ingesterFieldProblems(args: IngesterDeploymentArgs, invalid: Set<RuleField>): string[] {
    const problems: string[] = [];
    for (const [path, value, key] of fieldChecks(args)) {
        const schema = CONFIG_KEYS[key].schema as Schema;
        const problem = value === undefined ? undefined : fieldProblem(`args.${path}`, value, schema);
        if (problem === undefined) continue;
        problems.push(problem);
        invalid.add(key as RuleField);
    }
    const password = isPlainObject(args.clickhouse) ? args.clickhouse.password : undefined;
    const badPassword = secretProblem("args.clickhouse.password", password, CONFIG_KEYS.clickhousePassword.schema);
    if (badPassword !== undefined) problems.push(badPassword);
    return problems;
}

/** Every problem with a DokuIngester's arguments, each naming the argument (`args.<path>`). */
export function ingesterProblems(args: IngesterDeploymentArgs): string[] {
    const notAnObject = argsProblem(args, "an object (every field is optional)");
    if (notAnObject !== undefined) return [notAnObject];
    const invalid = new Set<RuleField>();
    const problems = [...shapeProblems(args, INGESTER_FIELDS, "args"), ...ingesterFieldProblems(args, invalid)];
    return [...problems, ...crossFieldProblems(ingesterRuleValues(args), argumentNaming(), invalid)];
}
