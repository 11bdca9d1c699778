/**
 * @file The Kubernetes target of DokuIngester: the ingester's Deployment, Service, PodDisruptionBudget and
 * Ingress, the UI, and the URLs they give. The shared namespace, labels and credentials are in
 * ./kubernetesScope.ts, the managed ClickHouse in ./kubernetesClickhouse.ts. Loaded only when a DokuIngester
 * targets Kubernetes (@pulumi/kubernetes is an optional peer dependency).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IngesterPlan } from "./plan";
import { INGESTER_HEALTH, INGESTER_PASSWORD_VAR, UI_PASSWORD_VAR, ingesterEnv, uiEnv } from "./containerSpec";
import { DATA_PATHS, PORTS } from "./images";
import { deployKubernetesClickhouse } from "./kubernetesClickhouse";
import { kubernetesScope } from "./kubernetesScope";
import { UserInputError } from "../config/userError";

/** Scheduling and pull settings passed through to every pod the component runs. */
export type { KubernetesPassthrough } from "../config/ingesterArgs";
export { SKIP_AWAIT_ANNOTATION } from "./kubernetesScope";

/** The ingester container's CPU and memory requests and limits when `kubernetes.resources` is unset. */
export const DEFAULT_RESOURCES = {
    requests: { cpu: "100m", memory: "128Mi" },
    limits: { cpu: "1", memory: "1280Mi" },
};

/** The ingester's and the UI's container security context: no privilege escalation, no capabilities. */
const SECURITY_CONTEXT = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

/** `http://<address>:9044` from a LoadBalancer Service's status (ip, else hostname). */
function loadBalancerUrl(service: k8s.core.v1.Service, serviceName: string): pulumi.Output<string> {
    return service.status.apply((status) => {
        const first = status?.loadBalancer?.ingress?.[0];
        const host = first?.ip ? (first.ip.includes(":") ? `[${first.ip}]` : first.ip) : first?.hostname;
        if (!host) {
            // Raised inside an apply: see UserInputError.
            throw new UserInputError(
                `Service ${serviceName} (type LoadBalancer) has no address in ` +
                    ".status.loadBalancer.ingress, so the ingester has no URL; set kubernetes.managementUrl or " +
                    "kubernetes.ingress (doku:managementUrl, doku:ingressHost), or check the cluster's " +
                    "load-balancer controller",
            );
        }
        return `http://${host}:${PORTS.ingester}`;
    });
}

/**
 * Kubernetes target: namespace, credentials Secret, ClickHouse StatefulSet
 * (unless existing), ingester Deployment + Service (+ PDB, Ingress), UI.
 */
export function deployKubernetes(
    parent: pulumi.ComponentResource,
    plan: IngesterPlan,
): {
    url: pulumi.Output<string>;
    managementUrl: pulumi.Output<string>;
    ready: pulumi.Resource[];
} {
    const scope = kubernetesScope(parent, plan);
    const { name, opts, awaits, labels, selector, metadata, namespace, passwordFrom, podSettings } = scope;
    const kubernetesPlan = plan.kubernetes;

    if (plan.managedClickhouse) deployKubernetesClickhouse(scope);

    const ingesterProbe = { httpGet: { path: INGESTER_HEALTH.path, port: "http" } };
    const serverDeploymentAwait = awaits("Deployment");
    const deployment = new k8s.apps.v1.Deployment(
        `${name}-server`,
        {
            metadata: metadata("server", "ingester", plan.images.ingester, serverDeploymentAwait.annotations),
            spec: {
                replicas: kubernetesPlan.replicas,
                selector: { matchLabels: selector("ingester") },
                template: {
                    metadata: { labels: labels("ingester", plan.images.ingester) },
                    spec: {
                        ...podSettings,
                        containers: [
                            {
                                name: "ingester",
                                image: plan.images.ingester,
                                ports: [{ name: "http", containerPort: PORTS.ingester }],
                                env: [...ingesterEnv(plan.db, plan), passwordFrom(INGESTER_PASSWORD_VAR)],
                                readinessProbe: { ...ingesterProbe, periodSeconds: 10, failureThreshold: 3 },
                                livenessProbe: {
                                    ...ingesterProbe,
                                    initialDelaySeconds: 60,
                                    periodSeconds: 20,
                                    failureThreshold: 6,
                                },
                                resources: kubernetesPlan.resources ?? DEFAULT_RESOURCES,
                                securityContext: SECURITY_CONTEXT,
                            },
                        ],
                    },
                },
            },
        },
        serverDeploymentAwait.opts,
    );

    if (kubernetesPlan.replicas > 1) {
        new k8s.policy.v1.PodDisruptionBudget(
            `${name}-server`,
            {
                metadata: metadata("server", "ingester", plan.images.ingester),
                spec: { maxUnavailable: 1, selector: { matchLabels: selector("ingester") } },
            },
            opts,
        );
    }

    const service = scope.service({
        suffix: "server",
        component: "ingester",
        image: plan.images.ingester,
        type: kubernetesPlan.serviceType,
        ports: [{ name: "http", port: PORTS.ingester }],
    });

    let ingress: k8s.networking.v1.Ingress | undefined;
    if (kubernetesPlan.ingress !== undefined) {
        const { host, className, tlsSecret, annotations } = kubernetesPlan.ingress;
        const ingressAwait = awaits("Ingress");
        // The caller's annotations (e.g. cert-manager.io/cluster-issuer) first; skipAwait is ours.
        const ingressAnnotations = { ...annotations, ...ingressAwait.annotations };
        ingress = new k8s.networking.v1.Ingress(
            `${name}-server`,
            {
                metadata: metadata(
                    "server",
                    "ingester",
                    plan.images.ingester,
                    Object.keys(ingressAnnotations).length === 0 ? undefined : ingressAnnotations,
                ),
                spec: {
                    ...(className === undefined ? {} : { ingressClassName: className }),
                    rules: [
                        {
                            host,
                            http: {
                                paths: [
                                    {
                                        path: "/",
                                        pathType: "Prefix",
                                        backend: { service: { name: service.metadata.name, port: { name: "http" } } },
                                    },
                                ],
                            },
                        },
                    ],
                    ...(tlsSecret === undefined ? {} : { tls: [{ hosts: [host], secretName: tlsSecret }] }),
                },
            },
            ingressAwait.opts,
        );
    }

    if (plan.ui) {
        const uiDeploymentAwait = awaits("Deployment");
        new k8s.apps.v1.Deployment(
            `${name}-ui`,
            {
                metadata: metadata("ui", "ui", plan.images.ui, uiDeploymentAwait.annotations),
                spec: {
                    replicas: 1,
                    selector: { matchLabels: selector("ui") },
                    template: {
                        metadata: { labels: labels("ui", plan.images.ui) },
                        spec: {
                            ...podSettings,
                            containers: [
                                {
                                    name: "ui",
                                    image: plan.images.ui,
                                    ports: [{ name: "http", containerPort: PORTS.ui }],
                                    env: [...uiEnv(plan.db), passwordFrom(UI_PASSWORD_VAR)],
                                    volumeMounts: [{ name: "data", mountPath: DATA_PATHS.ui }],
                                    securityContext: SECURITY_CONTEXT,
                                },
                            ],
                            // The UI keeps only its SQLite settings here; ClickHouse holds the telemetry.
                            volumes: [{ name: "data", emptyDir: {} }],
                        },
                    },
                },
            },
            uiDeploymentAwait.opts,
        );
        scope.service({
            suffix: "ui",
            component: "ui",
            image: plan.images.ui,
            type: "ClusterIP",
            ports: [{ name: "http", port: PORTS.ui }],
        });
    }

    const ingressArgs = kubernetesPlan.ingress;
    const ingressScheme = ingressArgs?.tlsSecret === undefined ? "http" : "https";
    const ingressUrl = ingressArgs === undefined ? undefined : pulumi.output(`${ingressScheme}://${ingressArgs.host}`);
    // Read only when no Ingress gives the URLs (DokuIngester refuses skipAwait Service in that case).
    const loadBalancerIngesterUrl =
        ingressUrl === undefined && kubernetesPlan.serviceType === "LoadBalancer"
            ? loadBalancerUrl(service, `${name}-server`)
            : undefined;
    const inClusterHost = pulumi.interpolate`${service.metadata.name}.${namespace}.svc.cluster.local`;
    const inCluster = pulumi.interpolate`http://${inClusterHost}:${PORTS.ingester}`;
    const configured =
        kubernetesPlan.managementUrl === undefined ? undefined : pulumi.output(kubernetesPlan.managementUrl);
    // DokuIngester refuses a plan with none of the three, so managementUrl always has a value.
    const managementUrl = ingressUrl ?? configured ?? loadBalancerIngesterUrl;
    return {
        url: ingressUrl ?? loadBalancerIngesterUrl ?? inCluster,
        managementUrl: managementUrl ?? inCluster,
        ready: ingress === undefined ? [deployment, service] : [deployment, service, ingress],
    };
}
