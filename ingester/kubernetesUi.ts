/**
 * @file The Doku UI of a DokuIngester on Kubernetes: its Deployment, its ClusterIP Service, and the
 * PersistentVolumeClaim of its SQLite folder (doku-ingester.md: "volume at /app/client/data"), which survives
 * replacements and destroy. Used by ./kubernetes.ts when the plan has the UI.
 */
import * as k8s from "@pulumi/kubernetes";
import { KUBERNETES_RESOURCE_DEFAULTS, UI_STORAGE_SIZE_DEFAULT } from "../config/kubernetesKeys";
import { UI_PASSWORD_VAR, uiEnv } from "./containerSpec";
import { DATA_PATHS, PORTS } from "./images";
import type { KubernetesScope } from "./kubernetesScope";
import { SECURITY } from "./kubernetesSecurity";

/**
 * Creates the UI's claim `<name>-ui-data`, Deployment `<name>-ui` and Service `<name>-ui`. The claim is kept on
 * destroy (Pulumi forgets it; a later `up` meets it as AlreadyExists unless the provider upserts, see the
 * README), and the Deployment recreates its pod, since a ReadWriteOnce volume cannot be mounted by the old and
 * the new pod on two nodes.
 */
export function deployKubernetesUi(scope: KubernetesScope): void {
    const { name, plan, metadata, selector } = scope;
    const kubernetesPlan = plan.kubernetes;
    const image = plan.images.ui;
    const claim = new k8s.core.v1.PersistentVolumeClaim(
        `${name}-ui-data`,
        {
            metadata: metadata("ui-data", "ui", image),
            spec: {
                accessModes: ["ReadWriteOnce"],
                ...(kubernetesPlan.storageClass === undefined ? {} : { storageClassName: kubernetesPlan.storageClass }),
                resources: { requests: { storage: kubernetesPlan.uiStorageSize ?? UI_STORAGE_SIZE_DEFAULT } },
            },
        },
        { ...scope.opts, retainOnDelete: true },
    );
    const deploymentAwait = scope.awaits("Deployment");
    new k8s.apps.v1.Deployment(
        `${name}-ui`,
        {
            metadata: metadata("ui", "ui", image, deploymentAwait.annotations),
            spec: {
                replicas: 1,
                strategy: { type: "Recreate" },
                selector: { matchLabels: selector("ui") },
                template: {
                    metadata: scope.templateMetadata("ui", image),
                    spec: {
                        ...scope.podSettings,
                        securityContext: SECURITY.ui.pod,
                        containers: [
                            {
                                name: "ui",
                                image,
                                ports: [{ name: "http", containerPort: PORTS.ui }],
                                env: [...uiEnv(plan.db), scope.passwordFrom(UI_PASSWORD_VAR)],
                                volumeMounts: [{ name: "data", mountPath: DATA_PATHS.ui }],
                                // Its entrypoint installs prisma and migrates before it listens: up to 5 minutes.
                                startupProbe: { tcpSocket: { port: "http" }, periodSeconds: 10, failureThreshold: 30 },
                                // Liveness checks the process only; readiness may depend on what / reads.
                                livenessProbe: { tcpSocket: { port: "http" }, periodSeconds: 20, failureThreshold: 3 },
                                readinessProbe: { httpGet: { path: "/", port: "http" }, periodSeconds: 10 },
                                resources: kubernetesPlan.uiResources ?? KUBERNETES_RESOURCE_DEFAULTS.ui,
                                securityContext: SECURITY.ui.container,
                            },
                        ],
                        volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim.metadata.name } }],
                    },
                },
            },
        },
        deploymentAwait.opts,
    );
    scope.service({
        suffix: "ui",
        component: "ui",
        image,
        type: "ClusterIP",
        ports: [{ name: "http", port: PORTS.ui }],
    });
}
