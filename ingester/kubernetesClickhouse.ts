/**
 * @file The managed ClickHouse of a DokuIngester on Kubernetes: a ClusterIP Service (native and HTTP ports) for
 * its clients, a headless Service that governs the StatefulSet, and a one-replica StatefulSet with its data
 * volume claim, running as the image's `clickhouse` user. Used by ./kubernetes.ts when the plan manages ClickHouse.
 */
import * as k8s from "@pulumi/kubernetes";
import { KUBERNETES_RESOURCE_DEFAULTS } from "../config/kubernetesKeys";
import { CLICKHOUSE_PASSWORD_VAR, CLICKHOUSE_PING } from "./containerSpec";
import { DATA_PATHS, PORTS } from "./images";
import type { KubernetesScope } from "./kubernetesScope";
import { SECURITY } from "./kubernetesSecurity";

/**
 * Creates ClickHouse's Services `<name>-clickhouse` (what the ingester and the UI connect to) and
 * `<name>-clickhouse-headless` (the StatefulSet's `serviceName`, whose pod DNS names it gives), and its
 * StatefulSet `<name>-clickhouse`, in the scope's namespace.
 */
export function deployKubernetesClickhouse(scope: KubernetesScope): void {
    const { name, plan, awaits, metadata, selector } = scope;
    const kubernetesPlan = plan.kubernetes;
    const ports = [
        { name: "native", port: PORTS.clickhouseNative },
        { name: "http", port: PORTS.clickhouseHttp },
    ];
    const image = plan.images.clickhouse;
    scope.service({ suffix: "clickhouse", component: "clickhouse", image, type: "ClusterIP", ports });
    const governing = scope.service({
        suffix: "clickhouse-headless",
        component: "clickhouse",
        image,
        type: "ClusterIP",
        ports,
        headless: true,
    });
    const statefulSetAwait = awaits("StatefulSet");
    new k8s.apps.v1.StatefulSet(
        `${name}-clickhouse`,
        {
            metadata: metadata("clickhouse", "clickhouse", image, statefulSetAwait.annotations),
            spec: {
                serviceName: governing.metadata.name,
                replicas: 1,
                selector: { matchLabels: selector("clickhouse") },
                template: {
                    metadata: scope.templateMetadata("clickhouse", image),
                    spec: {
                        ...scope.podSettings,
                        securityContext: SECURITY.clickhouse.pod,
                        containers: [
                            {
                                name: "clickhouse",
                                image,
                                ports: [
                                    { name: "native", containerPort: PORTS.clickhouseNative },
                                    { name: "http", containerPort: PORTS.clickhouseHttp },
                                ],
                                env: [
                                    { name: "CLICKHOUSE_USER", value: plan.db.user },
                                    scope.passwordFrom(CLICKHOUSE_PASSWORD_VAR),
                                ],
                                volumeMounts: [{ name: "data", mountPath: DATA_PATHS.clickhouse }],
                                readinessProbe: {
                                    httpGet: { path: CLICKHOUSE_PING.path, port: "http" },
                                    periodSeconds: 10,
                                },
                                // /ping answers from the process itself, whatever the data.
                                livenessProbe: {
                                    httpGet: { path: CLICKHOUSE_PING.path, port: "http" },
                                    initialDelaySeconds: 30,
                                    periodSeconds: 20,
                                },
                                resources:
                                    kubernetesPlan.clickhouseResources ?? KUBERNETES_RESOURCE_DEFAULTS.clickhouse,
                                securityContext: SECURITY.clickhouse.container,
                            },
                        ],
                    },
                },
                volumeClaimTemplates: [
                    {
                        metadata: { name: "data" },
                        spec: {
                            accessModes: ["ReadWriteOnce"],
                            ...(kubernetesPlan.storageClass === undefined
                                ? {}
                                : { storageClassName: kubernetesPlan.storageClass }),
                            resources: { requests: { storage: kubernetesPlan.storageSize } },
                        },
                    },
                ],
            },
        },
        statefulSetAwait.opts,
    );
}
