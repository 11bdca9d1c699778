import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type * as K8sInput from "@pulumi/kubernetes/types/input";
import type { IngesterPlan } from "../components/dokuIngester";
import {
    CLICKHOUSE_PASSWORD_VAR, CLICKHOUSE_PING, INGESTER_HEALTH, INGESTER_PASSWORD_VAR, UI_PASSWORD_VAR, imageVersion, ingesterEnv, uiEnv,
} from "./containerSpec";
import { DATA_PATHS, PORTS } from "./images";


/** Scheduling and pull settings passed through to every pod the component runs. */
export interface KubernetesPassthrough {
    /** Resources of the ingester container. Default: requests 100m / 128Mi, limits 1 CPU / 1280Mi. */
    readonly resources?: K8sInput.core.v1.ResourceRequirements;
    /** Default: none. */
    readonly nodeSelector?: Record<string, string>;
    /** Default: none. */
    readonly tolerations?: K8sInput.core.v1.Toleration[];
    /** Default: none. */
    readonly affinity?: K8sInput.core.v1.Affinity;
    /** Names of docker-registry Secrets. Default: none. */
    readonly imagePullSecrets?: string[];
}

export const DEFAULT_RESOURCES = {
    requests: { cpu: "100m", memory: "128Mi" },
    limits: { cpu: "1", memory: "1280Mi" },
};

const SECURITY_CONTEXT = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
const PASSWORD_KEY = "password";

/**
 * Kubernetes target: namespace, credentials Secret, ClickHouse StatefulSet
 * (unless existing), ingester Deployment + Service (+ PDB, Ingress), UI.
 */
export function deployKubernetes(parent: pulumi.ComponentResource, plan: IngesterPlan): { url: pulumi.Output<string>; ready: pulumi.Resource[] } {
    const { name } = plan;
    const k = plan.kubernetes;
    const opts = { parent };
    const labels = (component: string, image: string) => ({
        "app.kubernetes.io/name": `doku-${component}`,
        "app.kubernetes.io/instance": name,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": "doku",
        "app.kubernetes.io/managed-by": "pulumi",
        "app.kubernetes.io/version": imageVersion(image),
    });
    const selector = (component: string) => ({ "app.kubernetes.io/instance": name, "app.kubernetes.io/component": component });

    const namespace = k.createNamespace
        ? new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: k.namespace } }, opts).metadata.name
        : pulumi.output(k.namespace);
    const meta = (suffix: string, component: string, image: string) => ({
        name: `${name}-${suffix}`, namespace, labels: labels(component, image),
    });

    const credentials = new k8s.core.v1.Secret(`${name}-clickhouse-credentials`, {
        metadata: { name: `${name}-clickhouse-credentials`, namespace, labels: labels("clickhouse", plan.images.clickhouse) },
        type: "Opaque",
        stringData: { [PASSWORD_KEY]: plan.password },
    }, opts);
    const passwordFrom = (envName: string): K8sInput.core.v1.EnvVar => ({
        name: envName,
        valueFrom: { secretKeyRef: { name: credentials.metadata.name, key: PASSWORD_KEY } },
    });
    const podSettings = {
        nodeSelector: k.nodeSelector,
        tolerations: k.tolerations,
        affinity: k.affinity,
        imagePullSecrets: k.imagePullSecrets?.map((s) => ({ name: s })),
    };

    if (plan.managedClickhouse) {
        const chLabels = labels("clickhouse", plan.images.clickhouse);
        new k8s.core.v1.Service(`${name}-clickhouse`, {
            metadata: meta("clickhouse", "clickhouse", plan.images.clickhouse),
            spec: {
                type: "ClusterIP",
                selector: selector("clickhouse"),
                ports: [
                    { name: "native", port: PORTS.clickhouseNative, targetPort: "native" },
                    { name: "http", port: PORTS.clickhouseHttp, targetPort: "http" },
                ],
            },
        }, opts);
        new k8s.apps.v1.StatefulSet(`${name}-clickhouse`, {
            metadata: meta("clickhouse", "clickhouse", plan.images.clickhouse),
            spec: {
                serviceName: `${name}-clickhouse`,
                replicas: 1,
                selector: { matchLabels: selector("clickhouse") },
                template: {
                    metadata: { labels: chLabels },
                    spec: {
                        ...podSettings,
                        containers: [{
                            name: "clickhouse",
                            image: plan.images.clickhouse,
                            ports: [
                                { name: "native", containerPort: PORTS.clickhouseNative },
                                { name: "http", containerPort: PORTS.clickhouseHttp },
                            ],
                            env: [{ name: "CLICKHOUSE_USER", value: plan.db.user }, passwordFrom(CLICKHOUSE_PASSWORD_VAR)],
                            volumeMounts: [{ name: "data", mountPath: DATA_PATHS.clickhouse }],
                            readinessProbe: { httpGet: { path: CLICKHOUSE_PING.path, port: "http" }, periodSeconds: 10 },
                            livenessProbe: { httpGet: { path: CLICKHOUSE_PING.path, port: "http" }, initialDelaySeconds: 30, periodSeconds: 20 },
                        }],
                    },
                },
                volumeClaimTemplates: [{
                    metadata: { name: "data" },
                    spec: {
                        accessModes: ["ReadWriteOnce"],
                        ...(k.storageClass === undefined ? {} : { storageClassName: k.storageClass }),
                        resources: { requests: { storage: k.storageSize } },
                    },
                }],
            },
        }, opts);
    }

    const ingesterProbe = { httpGet: { path: INGESTER_HEALTH.path, port: "http" } };
    const deployment = new k8s.apps.v1.Deployment(`${name}-server`, {
        metadata: meta("server", "ingester", plan.images.ingester),
        spec: {
            replicas: k.replicas,
            selector: { matchLabels: selector("ingester") },
            template: {
                metadata: { labels: labels("ingester", plan.images.ingester) },
                spec: {
                    ...podSettings,
                    containers: [{
                        name: "ingester",
                        image: plan.images.ingester,
                        ports: [{ name: "http", containerPort: PORTS.ingester }],
                        env: [...ingesterEnv(plan.db, plan), passwordFrom(INGESTER_PASSWORD_VAR)],
                        readinessProbe: { ...ingesterProbe, periodSeconds: 10, failureThreshold: 3 },
                        livenessProbe: { ...ingesterProbe, initialDelaySeconds: 60, periodSeconds: 20, failureThreshold: 6 },
                        resources: k.resources ?? DEFAULT_RESOURCES,
                        securityContext: SECURITY_CONTEXT,
                    }],
                },
            },
        },
    }, opts);

    if (k.replicas > 1) {
        new k8s.policy.v1.PodDisruptionBudget(`${name}-server`, {
            metadata: meta("server", "ingester", plan.images.ingester),
            spec: { maxUnavailable: 1, selector: { matchLabels: selector("ingester") } },
        }, opts);
    }

    const service = new k8s.core.v1.Service(`${name}-server`, {
        metadata: meta("server", "ingester", plan.images.ingester),
        spec: {
            type: k.serviceType,
            selector: selector("ingester"),
            ports: [{ name: "http", port: PORTS.ingester, targetPort: "http" }],
        },
    }, opts);

    if (k.ingress !== undefined) {
        const { host, className, tlsSecret } = k.ingress;
        new k8s.networking.v1.Ingress(`${name}-server`, {
            metadata: meta("server", "ingester", plan.images.ingester),
            spec: {
                ...(className === undefined ? {} : { ingressClassName: className }),
                rules: [{
                    host,
                    http: {
                        paths: [{
                            path: "/",
                            pathType: "Prefix",
                            backend: { service: { name: service.metadata.name, port: { name: "http" } } },
                        }],
                    },
                }],
                ...(tlsSecret === undefined ? {} : { tls: [{ hosts: [host], secretName: tlsSecret }] }),
            },
        }, opts);
    }

    if (plan.ui) {
        new k8s.apps.v1.Deployment(`${name}-ui`, {
            metadata: meta("ui", "ui", plan.images.ui),
            spec: {
                replicas: 1,
                selector: { matchLabels: selector("ui") },
                template: {
                    metadata: { labels: labels("ui", plan.images.ui) },
                    spec: {
                        ...podSettings,
                        containers: [{
                            name: "ui",
                            image: plan.images.ui,
                            ports: [{ name: "http", containerPort: PORTS.ui }],
                            env: [...uiEnv(plan.db), passwordFrom(UI_PASSWORD_VAR)],
                            volumeMounts: [{ name: "data", mountPath: DATA_PATHS.ui }],
                            securityContext: SECURITY_CONTEXT,
                        }],
                        // The UI keeps only its SQLite settings here; ClickHouse holds the telemetry.
                        volumes: [{ name: "data", emptyDir: {} }],
                    },
                },
            },
        }, opts);
        new k8s.core.v1.Service(`${name}-ui`, {
            metadata: meta("ui", "ui", plan.images.ui),
            spec: { type: "ClusterIP", selector: selector("ui"), ports: [{ name: "http", port: PORTS.ui, targetPort: "http" }] },
        }, opts);
    }

    const url = k.ingress !== undefined
        ? pulumi.output(`${k.ingress.tlsSecret === undefined ? "http" : "https"}://${k.ingress.host}`)
        : pulumi.interpolate`http://${service.metadata.name}.${namespace}.svc.cluster.local:${PORTS.ingester}`;
    return { url, ready: [deployment] };
}
