/**
 * @file The Kubernetes target of DokuIngester: the ingester's Deployment, Service, PodDisruptionBudget and
 * Ingress, and the URLs they give. The shared namespace, labels and credentials are in ./kubernetesScope.ts,
 * the managed ClickHouse in ./kubernetesClickhouse.ts, the UI in ./kubernetesUi.ts, the security contexts in
 * ./kubernetesSecurity.ts. Loaded only when a DokuIngester targets Kubernetes (@pulumi/kubernetes is an
 * optional peer dependency).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IngesterPlan } from "./plan";
import { INGESTER_HEALTH, INGESTER_PASSWORD_VAR, ingesterEnv } from "./containerSpec";
import { PORTS } from "./images";
import { deployKubernetesClickhouse } from "./kubernetesClickhouse";
import { kubernetesScope } from "./kubernetesScope";
import { SECURITY } from "./kubernetesSecurity";
import { deployKubernetesUi } from "./kubernetesUi";
import { KUBERNETES_RESOURCE_DEFAULTS, NGINX_PROXY_BODY_SIZE } from "../config/kubernetesKeys";
import { UserInputError } from "../config/userError";

/** Scheduling and pull settings passed through to every pod the component runs. */
export type { KubernetesPassthrough } from "../config/ingesterArgs";
export { SKIP_AWAIT_ANNOTATION } from "./kubernetesScope";

/** The ingester container's CPU and memory requests and limits when `kubernetes.resources` is unset. */
export const DEFAULT_RESOURCES = KUBERNETES_RESOURCE_DEFAULTS.ingester;

/** ingress-nginx's annotation of the largest request body it passes on (its own default: 1m). */
export const NGINX_BODY_SIZE_ANNOTATION = "nginx.ingress.kubernetes.io/proxy-body-size";

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
    const { name, opts, awaits, selector, metadata, namespace, passwordFrom, podSettings } = scope;
    const kubernetesPlan = plan.kubernetes;

    if (plan.managedClickhouse) deployKubernetesClickhouse(scope);

    const serverDeploymentAwait = awaits("Deployment");
    const deployment = new k8s.apps.v1.Deployment(
        `${name}-server`,
        {
            metadata: metadata("server", "ingester", plan.images.ingester, serverDeploymentAwait.annotations),
            spec: {
                replicas: kubernetesPlan.replicas,
                selector: { matchLabels: selector("ingester") },
                template: {
                    metadata: scope.templateMetadata("ingester", plan.images.ingester),
                    spec: {
                        ...podSettings,
                        securityContext: SECURITY.ingester.pod,
                        containers: [
                            {
                                name: "ingester",
                                image: plan.images.ingester,
                                ports: [{ name: "http", containerPort: PORTS.ingester }],
                                env: [...ingesterEnv(plan.db, plan), passwordFrom(INGESTER_PASSWORD_VAR)],
                                // GET / answers 503 while ClickHouse is down: that takes the pod out of the
                                // Service, but a restart would not help, so liveness only checks the port.
                                readinessProbe: {
                                    httpGet: { path: INGESTER_HEALTH.path, port: "http" },
                                    periodSeconds: 10,
                                    failureThreshold: 3,
                                },
                                livenessProbe: {
                                    tcpSocket: { port: "http" },
                                    initialDelaySeconds: 60,
                                    periodSeconds: 20,
                                    failureThreshold: 6,
                                },
                                resources: kubernetesPlan.resources ?? DEFAULT_RESOURCES,
                                securityContext: SECURITY.ingester.container,
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
        // ingress-nginx's body limit for telemetry batches, unless the caller sets it; then the caller's annotations
        // (e.g. cert-manager.io/cluster-issuer); skipAwait is ours.
        const bodySize: Record<string, string> =
            className === "nginx" ? { [NGINX_BODY_SIZE_ANNOTATION]: NGINX_PROXY_BODY_SIZE } : {};
        const ingressAnnotations = { ...bodySize, ...annotations, ...ingressAwait.annotations };
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

    if (plan.ui) deployKubernetesUi(scope);

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
