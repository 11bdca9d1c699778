/**
 * @file What every Kubernetes object of one DokuIngester shares: its namespace (with its Pod Security labels),
 * labels and metadata, the ClickHouse credentials Secret and the pod template metadata that rolls the pods when
 * the password changes, the pod settings passed through, and Pulumi's await settings per kind.
 * Used by ./kubernetes.ts and ./kubernetesClickhouse.ts.
 */
import { createHmac } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type * as K8sInput from "@pulumi/kubernetes/types/input";
import type { IngesterPlan, KubernetesAwaitKind } from "./plan";
import { imageVersion } from "./containerSpec";
import { podSecurityLabels, podSecurityLevel } from "./kubernetesSecurity";

/** The key of the ClickHouse password in the credentials Secret. */
const PASSWORD_KEY = "password";

/**
 * The pod template annotation that changes with the ClickHouse password, so that a new password rolls the pods
 * that read it (a Secret's change alone restarts nothing). Its value is HMAC-SHA256 of the password under a
 * random 32-character key that exists only as a Pulumi secret (`<name>-credentials-digest-key`), cut to 16 hex
 * digits: unlike a plain checksum, it cannot be used to guess the password offline; it tells only whether the
 * password changed.
 */
export const CREDENTIALS_DIGEST_ANNOTATION = "pulumi-doku/credentials-digest";

/**
 * pulumi-kubernetes waits, 10 minutes by default, for each kind to be ready
 * (pulumi/pulumi-kubernetes, provider/pkg/await/): a Deployment for its new
 * ReplicaSet's pods to be available (deployment.go), a StatefulSet for its
 * replicas to be ready at the current revision (statefulset.go), a Service for
 * endpoints and, when of type LoadBalancer, an entry in
 * `.status.loadBalancer.ingress` (service.go), an Ingress for endpoints behind
 * its paths and an entry in `.status.loadBalancer.ingress` (ingress.go). The
 * annotation `pulumi.com/skipAwait: "true"` skips that wait
 * (provider/pkg/metadata/overrides.go, SkipAwaitLogic, used by await.go), and
 * `customTimeouts` replaces the default (awaiters.go, getTimeout).
 */
export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

/** The skipAwait annotation (when the plan skips the wait) and the resource options (parent, timeouts). */
export interface AwaitSettings {
    readonly annotations: Record<string, string> | undefined;
    readonly opts: pulumi.CustomResourceOptions;
}

/** The scheduling and pull settings of the plan, spread into every pod spec. */
export type PodSettings = Pick<
    K8sInput.core.v1.PodSpec,
    "nodeSelector" | "tolerations" | "affinity" | "imagePullSecrets"
>;

/** What the builders of one DokuIngester's Kubernetes objects share (see the file comment). */
export interface KubernetesScope {
    /** The component's name, the prefix of every object's name. */
    readonly name: string;
    /** The plan being deployed. */
    readonly plan: IngesterPlan;
    /** Options of the objects without await settings: the component as parent. */
    readonly opts: pulumi.CustomResourceOptions;
    /** The namespace, created (and then its name once created) or given. */
    readonly namespace: pulumi.Output<string>;
    /** The recommended `app.kubernetes.io/*` labels of a component's objects. */
    readonly labels: (component: string, image: string) => Record<string, string>;
    /** The labels that select a component's pods. */
    readonly selector: (component: string) => Record<string, string>;
    /** Name `<name>-<suffix>`, namespace, labels and (when given) annotations of an object. */
    readonly metadata: (
        suffix: string,
        component: string,
        image: string,
        annotations?: Record<string, string>,
    ) => K8sInput.meta.v1.ObjectMeta;
    /** An environment variable holding the ClickHouse password, read from the credentials Secret. */
    readonly passwordFrom: (envName: string) => K8sInput.core.v1.EnvVar;
    /** A pod template's metadata: the component's labels and the credentials digest annotation. */
    readonly templateMetadata: (component: string, image: string) => K8sInput.meta.v1.ObjectMeta;
    /** The scheduling and pull settings of every pod. */
    readonly podSettings: PodSettings;
    /** The await settings of one kind of object. */
    readonly awaits: (kind: KubernetesAwaitKind) => AwaitSettings;
    /** A Service `<name>-<suffix>` selecting a component's pods, with the Service await settings. */
    readonly service: (service: ServiceSpec) => k8s.core.v1.Service;
}

/** What differs between the Services of one DokuIngester. */
export interface ServiceSpec {
    /** Name suffix: the Service is `<name>-<suffix>`. */
    readonly suffix: string;
    /** The component whose pods it selects (and whose labels it carries). */
    readonly component: string;
    /** The component's image (its version label). */
    readonly image: string;
    /** Service type. */
    readonly type: pulumi.Input<string>;
    /** Its ports, each targeting the container port of the same name. */
    readonly ports: { readonly name: string; readonly port: number }[];
    /** Headless (`clusterIP: None`, not-ready pods published): a StatefulSet's governing Service. */
    readonly headless?: boolean;
}

/** The skipAwait annotation and the custom timeouts, as the plan sets them for one kind of resource. */
function awaitSettings(plan: IngesterPlan, parent: pulumi.Resource, kind: KubernetesAwaitKind): AwaitSettings {
    const minutes = plan.kubernetes.awaitTimeoutMinutes?.[kind];
    const skip = plan.kubernetes.skipAwait?.includes(kind) ?? false;
    return {
        annotations: skip ? { [SKIP_AWAIT_ANNOTATION]: "true" } : undefined,
        opts:
            minutes === undefined
                ? { parent }
                : { parent, customTimeouts: { create: `${minutes}m`, update: `${minutes}m` } },
    };
}

/** Creates the namespace (unless it exists) and the ClickHouse credentials Secret; returns the shared scope. */
export function kubernetesScope(parent: pulumi.ComponentResource, plan: IngesterPlan): KubernetesScope {
    const { name } = plan;
    const kubernetesPlan = plan.kubernetes;
    const opts = { parent };
    const labels = (component: string, image: string) => ({
        "app.kubernetes.io/name": `doku-${component}`,
        "app.kubernetes.io/instance": name,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": "doku",
        "app.kubernetes.io/managed-by": "pulumi",
        "app.kubernetes.io/version": imageVersion(image),
    });
    const selector = (component: string) => ({
        "app.kubernetes.io/instance": name,
        "app.kubernetes.io/component": component,
    });

    // Kept on destroy: deleting a namespace deletes its claims, and data survives destroy (the README says how
    // to drop it). An existing namespace is not ours to label.
    const namespace = kubernetesPlan.createNamespace
        ? new k8s.core.v1.Namespace(
              `${name}-namespace`,
              { metadata: { name: kubernetesPlan.namespace, labels: podSecurityLabels(podSecurityLevel(plan)) } },
              { parent, retainOnDelete: true },
          ).metadata.name
        : pulumi.output(kubernetesPlan.namespace);
    const metadata = (suffix: string, component: string, image: string, annotations?: Record<string, string>) => ({
        name: `${name}-${suffix}`,
        namespace,
        labels: labels(component, image),
        ...(annotations === undefined ? {} : { annotations }),
    });

    const credentials = new k8s.core.v1.Secret(
        `${name}-clickhouse-credentials`,
        {
            metadata: {
                name: `${name}-clickhouse-credentials`,
                namespace,
                labels: labels("clickhouse", plan.images.clickhouse),
            },
            type: "Opaque",
            stringData: { [PASSWORD_KEY]: plan.password },
        },
        opts,
    );
    const passwordFrom = (envName: string): K8sInput.core.v1.EnvVar => ({
        name: envName,
        valueFrom: { secretKeyRef: { name: credentials.metadata.name, key: PASSWORD_KEY } },
    });
    const digestKey = new random.RandomPassword(`${name}-credentials-digest-key`, { length: 32, special: false }, opts);
    // Secret (both inputs are); only the keyed, cut digest is made plain (see CREDENTIALS_DIGEST_ANNOTATION).
    const digest = pulumi.unsecret(
        pulumi
            .all([digestKey.result, plan.password])
            .apply(([key, password]) => createHmac("sha256", key).update(password).digest("hex").slice(0, 16)),
    );
    const templateMetadata = (component: string, image: string) => ({
        labels: labels(component, image),
        annotations: { [CREDENTIALS_DIGEST_ANNOTATION]: digest },
    });
    const podSettings = {
        nodeSelector: kubernetesPlan.nodeSelector,
        tolerations: kubernetesPlan.tolerations,
        affinity: kubernetesPlan.affinity,
        imagePullSecrets: kubernetesPlan.imagePullSecrets?.map((secretName) => ({ name: secretName })),
    };
    const awaits = (kind: KubernetesAwaitKind) => awaitSettings(plan, parent, kind);
    const service = ({ suffix, component, image, type, ports, headless }: ServiceSpec) => {
        const serviceAwait = awaits("Service");
        return new k8s.core.v1.Service(
            `${name}-${suffix}`,
            {
                metadata: metadata(suffix, component, image, serviceAwait.annotations),
                spec: {
                    type,
                    ...(headless ? { clusterIP: "None", publishNotReadyAddresses: true } : {}),
                    selector: selector(component),
                    ports: ports.map(({ name: portName, port }) => ({ name: portName, port, targetPort: portName })),
                },
            },
            serviceAwait.opts,
        );
    };
    return {
        name,
        plan,
        opts,
        namespace,
        labels,
        selector,
        metadata,
        passwordFrom,
        templateMetadata,
        podSettings,
        awaits,
        service,
    };
}
