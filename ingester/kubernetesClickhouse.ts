/**
 * @file The managed ClickHouse of a DokuIngester on Kubernetes: a ClusterIP Service (native and HTTP ports) and
 * a one-replica StatefulSet with its data volume claim. Used by ./kubernetes.ts when the plan manages ClickHouse.
 */
import * as k8s from "@pulumi/kubernetes";
import { CLICKHOUSE_PASSWORD_VAR, CLICKHOUSE_PING } from "./containerSpec";
import { DATA_PATHS, PORTS } from "./images";
import type { KubernetesScope } from "./kubernetesScope";

/** Creates ClickHouse's Service `<name>-clickhouse` and StatefulSet `<name>-clickhouse` in the scope's namespace. */
export function deployKubernetesClickhouse(scope: KubernetesScope): void {
    const { name, plan, awaits, metadata, selector } = scope;
    const kubernetesPlan = plan.kubernetes;
    const clickhouseLabels = scope.labels("clickhouse", plan.images.clickhouse);
    scope.service({
        suffix: "clickhouse",
        component: "clickhouse",
        image: plan.images.clickhouse,
        type: "ClusterIP",
        ports: [
            { name: "native", port: PORTS.clickhouseNative },
            { name: "http", port: PORTS.clickhouseHttp },
        ],
    });
    const statefulSetAwait = awaits("StatefulSet");
    new k8s.apps.v1.StatefulSet(
        `${name}-clickhouse`,
        {
            metadata: metadata("clickhouse", "clickhouse", plan.images.clickhouse, statefulSetAwait.annotations),
            spec: {
                serviceName: `${name}-clickhouse`,
                replicas: 1,
                selector: { matchLabels: selector("clickhouse") },
                template: {
                    metadata: { labels: clickhouseLabels },
                    spec: {
                        ...scope.podSettings,
                        containers: [
                            {
                                name: "clickhouse",
                                image: plan.images.clickhouse,
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
                                livenessProbe: {
                                    httpGet: { path: CLICKHOUSE_PING.path, port: "http" },
                                    initialDelaySeconds: 30,
                                    periodSeconds: 20,
                                },
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
