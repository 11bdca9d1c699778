import * as k8s from "@pulumi/kubernetes";
import { DokuIngester } from "../components/dokuIngester";
import { PASSWORD, T, deploy, inventory, sorted, validateManifests } from "./support/ingester";
import { mockStack, resolve, settle } from "./support/pulumi";

describe("kubernetes target", () => {
    it("managed ClickHouse, 1 replica, UI off", async () => {
        const { mocks, url } = await deploy({ target: "kubernetes" });
        expect(inventory(mocks)).toEqual(sorted([
            [T.component, "doku", "-"],
            [T.deployment, "doku-server", "doku"],
            [T.statefulSet, "doku-clickhouse", "doku"],
            [T.namespace, "doku-namespace", "doku"],
            [T.secret, "doku-clickhouse-credentials", "doku"],
            [T.service, "doku-clickhouse", "doku"],
            [T.service, "doku-server", "doku"],
            [T.password, "doku-clickhouse-password", "doku"],
        ]));
        expect(url).toBe("http://doku-server.doku.svc.cluster.local:9044");
        expect(validateManifests(mocks)).toHaveLength(6);

        const secret = mocks.get(T.secret, "doku-clickhouse-credentials");
        expect(secret.secretInputs).toEqual(["stringData"]);
        expect(Object.keys(secret.inputs.stringData)).toEqual(["password"]);

        const sts = mocks.get(T.statefulSet, "doku-clickhouse").inputs;
        const chContainer = sts.spec.template.spec.containers[0];
        expect(chContainer.image).toBe("clickhouse/clickhouse-server:24.2.2");
        expect(chContainer.env).toEqual([
            { name: "CLICKHOUSE_USER", value: "default" },
            { name: "CLICKHOUSE_PASSWORD", valueFrom: { secretKeyRef: { name: "doku-clickhouse-credentials", key: "password" } } },
        ]);
        expect(sts.spec.volumeClaimTemplates).toEqual([{
            metadata: { name: "data" },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "20Gi" } } },
        }]);
        expect(chContainer.volumeMounts).toEqual([{ name: "data", mountPath: "/var/lib/clickhouse" }]);

        const dep = mocks.get(T.deployment, "doku-server").inputs;
        expect(dep.spec.replicas).toBe(1);
        const c = dep.spec.template.spec.containers[0];
        expect(c.image).toBe("ghcr.io/dokulabs/doku-ingester:0.1.3");
        expect(c.env).toEqual([
            { name: "DOKU_DB_HOST", value: "doku-clickhouse" },
            { name: "DOKU_DB_PORT", value: "9000" },
            { name: "DOKU_DB_NAME", value: "default" },
            { name: "DOKU_DB_USER", value: "default" },
            { name: "DOKU_DB_MAX_IDLE_CONNS", value: "10" },
            { name: "DOKU_DB_MAX_OPEN_CONNS", value: "20" },
            { name: "DOKU_DB_RETENTION_PERIOD", value: "6 MONTH" },
            { name: "DOKU_DB_PASSWORD", valueFrom: { secretKeyRef: { name: "doku-clickhouse-credentials", key: "password" } } },
        ]);
        expect(c.readinessProbe.httpGet).toEqual({ path: "/", port: "http" });
        expect(c.livenessProbe.httpGet).toEqual({ path: "/", port: "http" });
        expect(c.ports).toEqual([{ name: "http", containerPort: 9044 }]);
        expect(c.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "1280Mi" } });
        expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
        expect(dep.metadata.labels).toEqual({
            "app.kubernetes.io/name": "doku-ingester", "app.kubernetes.io/instance": "doku", "app.kubernetes.io/component": "ingester",
            "app.kubernetes.io/part-of": "doku", "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/version": "0.1.3",
        });
        expect(dep.spec.selector.matchLabels).toEqual({ "app.kubernetes.io/instance": "doku", "app.kubernetes.io/component": "ingester" });
        expect(mocks.get(T.service, "doku-server").inputs.spec).toEqual({
            type: "ClusterIP", selector: { "app.kubernetes.io/instance": "doku", "app.kubernetes.io/component": "ingester" },
            ports: [{ name: "http", port: 9044, targetPort: "http" }],
        });
    });

    it("existing ClickHouse, 3 replicas, UI, ingress with TLS, LoadBalancer, existing namespace, pod passthrough", async () => {
        const { mocks, url } = await deploy({
            target: "kubernetes",
            ui: true,
            clickhouse: { host: "clickhouse.data.svc", password: PASSWORD },
            kubernetes: {
                namespace: "llm", createNamespace: false, replicas: 3, serviceType: "LoadBalancer",
                ingress: { host: "doku.example.com", className: "nginx", tlsSecret: "doku-tls" },
                nodeSelector: { pool: "observability" },
                tolerations: [{ key: "dedicated", operator: "Equal", value: "obs", effect: "NoSchedule" }],
                affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }] } } },
                imagePullSecrets: ["ghcr-pull"],
                resources: { requests: { cpu: "250m", memory: "256Mi" } },
            },
        });
        expect(inventory(mocks)).toEqual(sorted([
            [T.component, "doku", "-"],
            [T.deployment, "doku-server", "doku"],
            [T.deployment, "doku-ui", "doku"],
            [T.secret, "doku-clickhouse-credentials", "doku"],
            [T.service, "doku-server", "doku"],
            [T.service, "doku-ui", "doku"],
            [T.ingress, "doku-server", "doku"],
            [T.pdb, "doku-server", "doku"],
        ]));
        expect(url).toBe("https://doku.example.com");
        expect(validateManifests(mocks)).toHaveLength(7);
        const dep = mocks.get(T.deployment, "doku-server").inputs;
        expect(dep.metadata.namespace).toBe("llm");
        expect(dep.spec.replicas).toBe(3);
        expect(dep.spec.template.spec).toMatchObject({
            nodeSelector: { pool: "observability" },
            tolerations: [{ key: "dedicated", operator: "Equal", value: "obs", effect: "NoSchedule" }],
            imagePullSecrets: [{ name: "ghcr-pull" }],
        });
        expect(dep.spec.template.spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }] } } });
        expect(dep.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: "250m", memory: "256Mi" } });
        expect(dep.spec.template.spec.containers[0].env[0]).toEqual({ name: "DOKU_DB_HOST", value: "clickhouse.data.svc" });
        expect(mocks.get(T.pdb, "doku-server").inputs.spec).toEqual({
            maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/instance": "doku", "app.kubernetes.io/component": "ingester" } },
        });
        expect(mocks.get(T.service, "doku-server").inputs.spec.type).toBe("LoadBalancer");
        expect(mocks.get(T.ingress, "doku-server").inputs.spec).toEqual({
            ingressClassName: "nginx",
            rules: [{ host: "doku.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "doku-server", port: { name: "http" } } } }] } }],
            tls: [{ hosts: ["doku.example.com"], secretName: "doku-tls" }],
        });
        const ui = mocks.get(T.deployment, "doku-ui").inputs.spec.template.spec.containers[0];
        expect(ui.env).toEqual([
            { name: "INIT_DB_HOST", value: "clickhouse.data.svc" },
            { name: "INIT_DB_PORT", value: "8123" },
            { name: "INIT_DB_DATABASE", value: "default" },
            { name: "INIT_DB_USERNAME", value: "default" },
            { name: "SQLITE_DATABASE_URL", value: "file:/app/client/data/data.db" },
            { name: "INIT_DB_PASSWORD", valueFrom: { secretKeyRef: { name: "doku-clickhouse-credentials", key: "password" } } },
        ]);
    });

    it("storage class and size reach the claim template", async () => {
        const { mocks } = await deploy({ target: "kubernetes", kubernetes: { storageClass: "gp3", storageSize: "100Gi" } });
        expect(mocks.get(T.statefulSet, "doku-clickhouse").inputs.spec.volumeClaimTemplates[0].spec)
            .toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: "gp3", resources: { requests: { storage: "100Gi" } } });
    });

    it("passes the caller's Kubernetes provider to every child", async () => {
        const mocks = mockStack({});
        const provider = new k8s.Provider("cluster", { namespace: "ignored" });
        const ingester = new DokuIngester("doku", { target: "kubernetes" }, { providers: [provider] });
        await resolve(ingester.url);
        await settle(mocks);
        const providerUrn = mocks.get("pulumi:providers:kubernetes", "cluster").urn;
        const children = mocks.resources.filter((r) => r.type.startsWith("kubernetes:"));
        expect(children).toHaveLength(6);
        for (const child of children) expect(child.provider).toMatch(new RegExp(`^${providerUrn.replace(/[$]/g, "\\$")}::`));
    });
});

