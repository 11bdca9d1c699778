import { z } from "zod";
import { bool, hostname, ingesterBaseUrl, k8sName, k8sSubdomainName, recordError } from "./schemas";
import type { KeySpec, Target } from "./keySpec";

const KUBERNETES: readonly Target[] = ["kubernetes"];

/**
 * The Kubernetes kinds whose readiness pulumi-kubernetes awaits and that the ingester lets you skip
 * (`pulumi.com/skipAwait`) or time out differently (`doku:kubernetesSkipAwait`, `doku:kubernetesAwaitTimeouts`).
 */
export const KubernetesAwaitKind = {
    Deployment: "Deployment",
    StatefulSet: "StatefulSet",
    Service: "Service",
    Ingress: "Ingress",
} as const;

/** One of KubernetesAwaitKind's values. */
export type KubernetesAwaitKind = (typeof KubernetesAwaitKind)[keyof typeof KubernetesAwaitKind];

/** Every awaited kind, in the order messages list them. */
export const AWAITED_KINDS = Object.values(KubernetesAwaitKind) as [KubernetesAwaitKind, ...KubernetesAwaitKind[]];

/** The Service type of the ingester on Kubernetes. */
export const KubernetesServiceType = {
    ClusterIP: "ClusterIP",
    LoadBalancer: "LoadBalancer",
} as const;

/** One of KubernetesServiceType's values. */
export type KubernetesServiceType = (typeof KubernetesServiceType)[keyof typeof KubernetesServiceType];

/**
 * The Pod Security Standards levels (kubernetes.io/docs/concepts/security/pod-security-standards/) a created
 * namespace enforces through its `pod-security.kubernetes.io/enforce`, `warn` and `audit` labels.
 */
export const PodSecurityLevel = {
    Restricted: "restricted",
    Baseline: "baseline",
    Privileged: "privileged",
} as const;

/** One of PodSecurityLevel's values. */
export type PodSecurityLevel = (typeof PodSecurityLevel)[keyof typeof PodSecurityLevel];

/**
 * Container resources of each workload when its argument (`kubernetes.resources`, `clickhouseResources`,
 * `uiResources`) is unset. ClickHouse sizes its own memory use from the limit (0.9 of it by default).
 */
export const KUBERNETES_RESOURCE_DEFAULTS = {
    ingester: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "1280Mi" } },
    clickhouse: { requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } },
    ui: { requests: { cpu: "50m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
};

/** Size of the UI's volume when `kubernetes.uiStorageSize` is unset. */
export const UI_STORAGE_SIZE_DEFAULT = "1Gi";

/**
 * The request body limit set on an Ingress of class `nginx` (annotation `nginx.ingress.kubernetes.io/proxy-body-size`,
 * ingress-nginx's default being 1m) unless `doku:ingressAnnotations` sets it: telemetry batches to /api/push.
 */
export const NGINX_PROXY_BODY_SIZE = "16m";

const kind = z.enum(AWAITED_KINDS, { error: `expected one of ${AWAITED_KINDS.join(", ")}` });

/** Upper bound of `doku:kubernetesAwaitTimeouts` (minutes): a day. */
export const MAX_AWAIT_MINUTES = 1440;

// Annotation rules as the API server applies them (kubernetes/apimachinery pkg/api/validation/objectmeta.go,
// ValidateAnnotations): each key a qualified name, checked lower-cased (an optional DNS-subdomain prefix of at
// most 253 characters and '/', then a name of at most 63: alphanumerics, '-', '_', '.', alphanumeric at both
// ends); values any string; all keys and values together at most 256 KiB (totalAnnotationSizeLimitB).
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;
const ANNOTATIONS_LIMIT = 256 * 1024;

function isAnnotationKey(key: string): boolean {
    const parts = key.toLowerCase().split("/");
    if (parts.length > 2) return false;
    const name = parts[parts.length - 1];
    const prefix = parts.length === 2 ? parts[0] : undefined;
    if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
    return name.length <= 63 && QUALIFIED_NAME.test(name);
}

const annotationKey = z
    .string()
    .refine(
        isAnnotationKey,
        "expected an annotation key such as cert-manager.io/cluster-issuer ([prefix/]name, name at most 63 characters)",
    );
const annotations = z
    .record(annotationKey, z.string({ error: "expected a string value (quote true, false and numbers)" }), {
        error: recordError("expected a map of annotation to value", "expected an annotation key"),
    })
    .refine(
        (annotationMap) =>
            Object.entries(annotationMap).reduce((total, [key, value]) => total + key.length + value.length, 0) <=
            ANNOTATIONS_LIMIT,
        "expected at most 256 KiB of annotations in all",
    );

/** The `doku:` keys of the Kubernetes target (part of CONFIG_KEYS; see keys.ts). */
export const KUBERNETES_KEYS = {
    namespace: {
        kind: "string",
        targets: KUBERNETES,
        default: "doku",
        description: "Kubernetes namespace.",
        schema: k8sName,
    },
    createNamespace: {
        kind: "boolean",
        targets: KUBERNETES,
        default: true,
        description: "Kubernetes: create the namespace (false = it exists already).",
        schema: bool,
    },
    replicas: {
        kind: "integer",
        targets: KUBERNETES,
        default: 1,
        description: "Ingester replicas on Kubernetes (a PodDisruptionBudget is added above 1).",
        schema: z
            .number()
            .int("expected an integer ≥ 1")
            .min(1, "expected an integer ≥ 1")
            .max(100, "expected at most 100"),
    },
    serviceType: {
        kind: "string",
        targets: KUBERNETES,
        default: KubernetesServiceType.ClusterIP as KubernetesServiceType,
        description: "Kubernetes Service type of the ingester: ClusterIP or LoadBalancer.",
        schema: z.enum(KubernetesServiceType, { error: "expected ClusterIP or LoadBalancer" }),
    },
    ingressHost: {
        kind: "string",
        targets: KUBERNETES,
        description: "Kubernetes: host name of an Ingress for the ingester (no Ingress when unset).",
        schema: hostname,
    },
    ingressClassName: {
        kind: "string",
        targets: KUBERNETES,
        description: "Kubernetes: IngressClass of that Ingress.",
        schema: k8sSubdomainName,
    },
    ingressTlsSecret: {
        kind: "string",
        targets: KUBERNETES,
        description: "Kubernetes: TLS Secret for that Ingress (the URL becomes https).",
        schema: k8sSubdomainName,
    },
    ingressAnnotations: {
        kind: "object",
        targets: KUBERNETES,
        description: "Kubernetes: annotations of that Ingress, e.g. {cert-manager.io/cluster-issuer: letsencrypt}.",
        schema: annotations,
    },
    storageClass: {
        kind: "string",
        targets: KUBERNETES,
        description: "Kubernetes: StorageClass of ClickHouse's and the UI's volumes (the cluster default when unset).",
        schema: k8sSubdomainName,
    },
    storageSize: {
        kind: "string",
        targets: KUBERNETES,
        default: "20Gi",
        description: "Kubernetes: size of ClickHouse's volume.",
        schema: z.string().regex(/^[1-9][0-9]*(Mi|Gi|Ti)$/, "expected a size such as 20Gi"),
    },
    podSecurityLevel: {
        kind: "string",
        targets: KUBERNETES,
        defaultText: "restricted (baseline with doku:ui)",
        description:
            "Kubernetes: Pod Security level (restricted, baseline or privileged) the created namespace enforces, " +
            "warns and audits; the UI image runs as root, so it needs baseline.",
        schema: z.enum(PodSecurityLevel, { error: "expected restricted, baseline or privileged" }),
    },
    managementUrl: {
        kind: "string",
        targets: KUBERNETES,
        defaultText: "the Ingress or LoadBalancer URL",
        description:
            "Kubernetes: URL at which the machine running Pulumi reaches the ingester's API, e.g. " +
            "http://localhost:9044 through kubectl port-forward, or the Service's cluster DNS name " +
            "for a runner in the cluster.",
        schema: ingesterBaseUrl,
    },
    // pulumi-kubernetes provider/pkg/metadata/overrides.go: SkipAwaitLogic is the `pulumi.com/skipAwait`
    // annotation being "true"; provider/pkg/await/service.go waits for status.loadBalancer.ingress of a
    // LoadBalancer Service, so without that wait the load balancer's address is not known.
    kubernetesSkipAwait: {
        kind: "array",
        targets: KUBERNETES,
        default: [] as KubernetesAwaitKind[],
        description:
            "Kubernetes: kinds Pulumi does not wait for (pulumi.com/skipAwait), from " + `${AWAITED_KINDS.join(", ")}.`,
        schema: z
            .array(kind, { error: "expected a list of kinds" })
            .refine((kinds) => new Set(kinds).size === kinds.length, "expected no repeated kinds"),
    },
    // pulumi-kubernetes provider/pkg/metadata/overrides.go TimeoutDuration: a resource's customTimeouts win.
    kubernetesAwaitTimeouts: {
        kind: "object",
        targets: KUBERNETES,
        defaultText: "{} (the provider's own)",
        description:
            "Kubernetes: minutes Pulumi waits for each kind to become ready on create and update, " +
            "e.g. {StatefulSet: 20}.",
        schema: z.partialRecord(
            kind,
            z
                .number({ error: `expected whole minutes from 1 to ${MAX_AWAIT_MINUTES}` })
                .int(`expected whole minutes from 1 to ${MAX_AWAIT_MINUTES}`)
                .min(1, `expected whole minutes from 1 to ${MAX_AWAIT_MINUTES}`)
                .max(MAX_AWAIT_MINUTES, `expected whole minutes from 1 to ${MAX_AWAIT_MINUTES}`),
            {
                error: recordError(
                    "expected a map of kind to minutes",
                    `expected kinds from ${AWAITED_KINDS.join(", ")}`,
                ),
            },
        ),
    },
} satisfies Record<string, KeySpec>;
