import * as k8s from "@pulumi/kubernetes";
import { DokuIngester, DokuIngesterArgs } from "../components/dokuIngester";
import {
    PASSWORD,
    PORT_FORWARD,
    TYPE,
    deploy,
    inventory,
    mockCluster,
    sorted,
    validateManifests,
} from "./support/ingester";
import { KIND, validateAll } from "./support/kubernetesManifests";
import { resolve, settle } from "./support/pulumi";

describe("kubernetes target", () => {
    it("managed ClickHouse, 1 replica, UI off", async () => {
        const { mocks, url, managementUrl } = await deploy({
            target: "kubernetes",
            kubernetes: { managementUrl: PORT_FORWARD },
        });
        expect(inventory(mocks)).toEqual(
            sorted([
                [TYPE.component, "doku", "-"],
                [TYPE.deployment, "doku-server", "doku"],
                [TYPE.statefulSet, "doku-clickhouse", "doku"],
                [TYPE.namespace, "doku-namespace", "doku"],
                [TYPE.secret, "doku-clickhouse-credentials", "doku"],
                [TYPE.service, "doku-clickhouse", "doku"],
                [TYPE.service, "doku-clickhouse-headless", "doku"],
                [TYPE.service, "doku-server", "doku"],
                [TYPE.password, "doku-clickhouse-password", "doku"],
                [TYPE.password, "doku-credentials-digest-key", "doku"],
            ]),
        );
        expect(url).toBe("http://doku-server.doku.svc.cluster.local:9044");
        expect(managementUrl).toBe(PORT_FORWARD);
        expect(validateManifests(mocks)).toHaveLength(7);
        expect(mocks.customTimeouts).toEqual({});
        for (const resource of mocks.resources.filter((recorded) => recorded.type.startsWith("kubernetes:"))) {
            expect(resource.inputs.metadata.annotations).toBeUndefined();
        }

        const secret = mocks.get(TYPE.secret, "doku-clickhouse-credentials");
        expect(secret.secretInputs).toEqual(["stringData"]);
        expect(Object.keys(secret.inputs.stringData)).toEqual(["password"]);

        const sts = mocks.get(TYPE.statefulSet, "doku-clickhouse").inputs;
        const chContainer = sts.spec.template.spec.containers[0];
        expect(chContainer.image).toBe("clickhouse/clickhouse-server:24.2.2");
        expect(chContainer.env).toEqual([
            { name: "CLICKHOUSE_USER", value: "default" },
            {
                name: "CLICKHOUSE_PASSWORD",
                valueFrom: { secretKeyRef: { name: "doku-clickhouse-credentials", key: "password" } },
            },
        ]);
        expect(sts.spec.volumeClaimTemplates).toEqual([
            {
                metadata: { name: "data" },
                spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "20Gi" } } },
            },
        ]);
        expect(chContainer.volumeMounts).toEqual([{ name: "data", mountPath: "/var/lib/clickhouse" }]);

        const deployment = mocks.get(TYPE.deployment, "doku-server").inputs;
        expect(deployment.spec.replicas).toBe(1);
        const server = deployment.spec.template.spec.containers[0];
        expect(server.image).toBe("ghcr.io/dokulabs/doku-ingester:0.1.3");
        expect(server.env).toEqual([
            { name: "DOKU_DB_HOST", value: "doku-clickhouse" },
            { name: "DOKU_DB_PORT", value: "9000" },
            { name: "DOKU_DB_NAME", value: "default" },
            { name: "DOKU_DB_USER", value: "default" },
            { name: "DOKU_DB_MAX_IDLE_CONNS", value: "10" },
            { name: "DOKU_DB_MAX_OPEN_CONNS", value: "20" },
            { name: "DOKU_DB_RETENTION_PERIOD", value: "6 MONTH" },
            {
                name: "DOKU_DB_PASSWORD",
                valueFrom: { secretKeyRef: { name: "doku-clickhouse-credentials", key: "password" } },
            },
        ]);
        expect(server.readinessProbe).toEqual({
            httpGet: { path: "/", port: "http" },
            periodSeconds: 10,
            failureThreshold: 3,
        });
        // GET / is 503 while ClickHouse is down: liveness tests the process only.
        expect(server.livenessProbe).toEqual({
            tcpSocket: { port: "http" },
            initialDelaySeconds: 60,
            periodSeconds: 20,
            failureThreshold: 6,
        });
        expect(server.ports).toEqual([{ name: "http", containerPort: 9044 }]);
        expect(server.resources).toEqual({
            requests: { cpu: "100m", memory: "128Mi" },
            limits: { cpu: "1", memory: "1280Mi" },
        });
        expect(server.securityContext).toEqual({
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            readOnlyRootFilesystem: true,
        });
        expect(deployment.metadata.labels).toEqual({
            "app.kubernetes.io/name": "doku-ingester",
            "app.kubernetes.io/instance": "doku",
            "app.kubernetes.io/component": "ingester",
            "app.kubernetes.io/part-of": "doku",
            "app.kubernetes.io/managed-by": "pulumi",
            "app.kubernetes.io/version": "0.1.3",
        });
        expect(deployment.spec.selector.matchLabels).toEqual({
            "app.kubernetes.io/instance": "doku",
            "app.kubernetes.io/component": "ingester",
        });
        expect(mocks.get(TYPE.service, "doku-server").inputs.spec).toEqual({
            type: "ClusterIP",
            selector: { "app.kubernetes.io/instance": "doku", "app.kubernetes.io/component": "ingester" },
            ports: [{ name: "http", port: 9044, targetPort: "http" }],
        });
    });

    it(
        "existing ClickHouse, 3 replicas, UI, ingress with TLS, LoadBalancer, existing namespace, " + "pod passthrough",
        async () => {
            const { mocks, url, managementUrl } = await deploy({
                target: "kubernetes",
                ui: true,
                clickhouse: { host: "clickhouse.data.svc", password: PASSWORD },
                kubernetes: {
                    namespace: "llm",
                    createNamespace: false,
                    replicas: 3,
                    serviceType: "LoadBalancer",
                    ingress: { host: "doku.example.com", className: "nginx", tlsSecret: "doku-tls" },
                    nodeSelector: { pool: "observability" },
                    tolerations: [{ key: "dedicated", operator: "Equal", value: "obs", effect: "NoSchedule" }],
                    affinity: {
                        nodeAffinity: {
                            requiredDuringSchedulingIgnoredDuringExecution: {
                                nodeSelectorTerms: [
                                    { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] },
                                ],
                            },
                        },
                    },
                    imagePullSecrets: ["ghcr-pull"],
                    resources: { requests: { cpu: "250m", memory: "256Mi" } },
                },
            });
            expect(inventory(mocks)).toEqual(
                sorted([
                    [TYPE.component, "doku", "-"],
                    [TYPE.deployment, "doku-server", "doku"],
                    [TYPE.deployment, "doku-ui", "doku"],
                    [TYPE.secret, "doku-clickhouse-credentials", "doku"],
                    [TYPE.service, "doku-server", "doku"],
                    [TYPE.service, "doku-ui", "doku"],
                    [TYPE.ingress, "doku-server", "doku"],
                    [TYPE.pdb, "doku-server", "doku"],
                    [KIND.claim, "doku-ui-data", "doku"],
                    [TYPE.password, "doku-credentials-digest-key", "doku"],
                ]),
            );
            expect(url).toBe("https://doku.example.com");
            expect(managementUrl).toBe("https://doku.example.com");
            expect(validateAll(mocks)).toHaveLength(8);
            const deployment = mocks.get(TYPE.deployment, "doku-server").inputs;
            expect(deployment.metadata.namespace).toBe("llm");
            expect(deployment.spec.replicas).toBe(3);
            expect(deployment.spec.template.spec).toMatchObject({
                nodeSelector: { pool: "observability" },
                tolerations: [{ key: "dedicated", operator: "Equal", value: "obs", effect: "NoSchedule" }],
                imagePullSecrets: [{ name: "ghcr-pull" }],
            });
            expect(deployment.spec.template.spec.affinity).toEqual({
                nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                        nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }],
                    },
                },
            });
            expect(deployment.spec.template.spec.containers[0].resources).toEqual({
                requests: { cpu: "250m", memory: "256Mi" },
            });
            expect(deployment.spec.template.spec.containers[0].env[0]).toEqual({
                name: "DOKU_DB_HOST",
                value: "clickhouse.data.svc",
            });
            expect(mocks.get(TYPE.pdb, "doku-server").inputs.spec).toEqual({
                maxUnavailable: 1,
                selector: {
                    matchLabels: { "app.kubernetes.io/instance": "doku", "app.kubernetes.io/component": "ingester" },
                },
            });
            expect(mocks.get(TYPE.service, "doku-server").inputs.spec.type).toBe("LoadBalancer");
            expect(mocks.get(TYPE.ingress, "doku-server").inputs.spec).toEqual({
                ingressClassName: "nginx",
                rules: [
                    {
                        host: "doku.example.com",
                        http: {
                            paths: [
                                {
                                    path: "/",
                                    pathType: "Prefix",
                                    backend: { service: { name: "doku-server", port: { name: "http" } } },
                                },
                            ],
                        },
                    },
                ],
                tls: [{ hosts: ["doku.example.com"], secretName: "doku-tls" }],
            });
            const ui = mocks.get(TYPE.deployment, "doku-ui").inputs.spec.template.spec.containers[0];
            expect(ui.env).toEqual([
                { name: "INIT_DB_HOST", value: "clickhouse.data.svc" },
                { name: "INIT_DB_PORT", value: "8123" },
                { name: "INIT_DB_DATABASE", value: "default" },
                { name: "INIT_DB_USERNAME", value: "default" },
                { name: "SQLITE_DATABASE_URL", value: "file:/app/client/data/data.db" },
                {
                    name: "INIT_DB_PASSWORD",
                    valueFrom: { secretKeyRef: { name: "doku-clickhouse-credentials", key: "password" } },
                },
            ]);
        },
    );

    it("storage class and size reach the claim template", async () => {
        const { mocks } = await deploy({
            target: "kubernetes",
            kubernetes: { storageClass: "gp3", storageSize: "100Gi", managementUrl: PORT_FORWARD },
        });
        expect(mocks.get(TYPE.statefulSet, "doku-clickhouse").inputs.spec.volumeClaimTemplates[0].spec).toEqual({
            accessModes: ["ReadWriteOnce"],
            storageClassName: "gp3",
            resources: { requests: { storage: "100Gi" } },
        });
    });

    it("passes the caller's Kubernetes provider to every child", async () => {
        const mocks = mockCluster();
        const provider = new k8s.Provider("cluster", { namespace: "ignored" });
        const args: DokuIngesterArgs = { target: "kubernetes", kubernetes: { managementUrl: PORT_FORWARD } };
        const ingester = new DokuIngester("doku", args, { providers: [provider] });
        await resolve(ingester.url);
        await settle(mocks);
        const providerUrn = mocks.get("pulumi:providers:kubernetes", "cluster").urn;
        const children = mocks.resources.filter((resource) => resource.type.startsWith("kubernetes:"));
        expect(children).toHaveLength(7);
        for (const child of children)
            expect(child.provider).toMatch(new RegExp(`^${providerUrn.replace(/[$]/g, "\\$")}::`));
    });
});

const LB_IP = { ip: "203.0.113.10" };
const loadBalancer = (extra: Record<string, unknown> = {}): DokuIngesterArgs => ({
    target: "kubernetes",
    kubernetes: { serviceType: "LoadBalancer", ...extra },
});

describe("kubernetes URLs: what the SDKs use and what Pulumi's own resources use", () => {
    it("a LoadBalancer Service without an Ingress: both URLs are its published address (ip or hostname)", async () => {
        const byIp = await deploy(loadBalancer(), undefined, LB_IP);
        expect([byIp.url, byIp.managementUrl]).toEqual(["http://203.0.113.10:9044", "http://203.0.113.10:9044"]);
        const byName = await deploy(loadBalancer(), undefined, { hostname: "a1b2.elb.eu-west-1.amazonaws.com" });
        expect(byName.managementUrl).toBe("http://a1b2.elb.eu-west-1.amazonaws.com:9044");
        const byIpv6 = await deploy(loadBalancer(), undefined, { ip: "2001:db8::10" });
        expect(byIpv6.url).toBe("http://[2001:db8::10]:9044");
    });

    it("managementUrl is for Pulumi only: the SDK URL stays the load balancer's or the in-cluster one", async () => {
        const lb = await deploy(loadBalancer({ managementUrl: PORT_FORWARD }), undefined, LB_IP);
        expect([lb.url, lb.managementUrl]).toEqual(["http://203.0.113.10:9044", PORT_FORWARD]);
        const runner = "http://doku.ci.internal:9044";
        const clusterIp = await deploy({
            target: "kubernetes",
            kubernetes: { namespace: "llm", managementUrl: runner },
        });
        expect([clusterIp.url, clusterIp.managementUrl]).toEqual([
            "http://doku-server.llm.svc.cluster.local:9044",
            runner,
        ]);
    });

    it("an Ingress wins over managementUrl and the load balancer for both URLs", async () => {
        const args = loadBalancer({ managementUrl: PORT_FORWARD, ingress: { host: "doku.example.com" } });
        const { url, managementUrl } = await deploy(args, undefined, LB_IP);
        expect([url, managementUrl]).toEqual(["http://doku.example.com", "http://doku.example.com"]);
    });

    it("refuses a kubernetes ingester that the machine running Pulumi cannot reach, naming the options", async () => {
        const mocks = mockCluster();
        // One rule, shared with the config loader (config/crossRules.ts), naming the arguments.
        expect(() => new DokuIngester("doku", { target: "kubernetes" })).toThrow(
            'args.target: got "kubernetes" with no URL at which this program reaches the ingester; expected one of ' +
                "args.kubernetes.ingress.host, args.kubernetes.serviceType: LoadBalancer, or " +
                "args.kubernetes.managementUrl " +
                "(e.g. http://localhost:9044 with kubectl port-forward)",
        );
        expect(() => new DokuIngester("lb", loadBalancer({ skipAwait: ["Service"] }))).toThrow(
            "args.kubernetes.skipAwait: got Service with args.kubernetes.serviceType LoadBalancer and neither " +
                "args.kubernetes.ingress.host nor args.kubernetes.managementUrl",
        );
        await settle(mocks);
        expect(mocks.resources.filter((resource) => resource.type !== TYPE.component)).toHaveLength(0);
    });

    it("bad reachability and await arguments: each named, with the bad value and what is expected", () => {
        mockCluster();
        expect(
            () =>
                new DokuIngester("doku", {
                    target: "kubernetes",
                    kubernetes: {
                        managementUrl: "localhost:9044",
                        skipAwait: ["Pod" as any],
                        awaitTimeoutMinutes: { StatefulSet: 0 },
                        ingress: {
                            host: "doku.example.com",
                            annotations: { "cert-manager.io/cluster-issuer": 1 as any },
                        },
                    },
                }),
        ).toThrow(
            [
                'doku:ingester:DokuIngester "doku": invalid arguments:',
                '  - args.kubernetes.ingress.annotations["cert-manager.io/cluster-issuer"]: got 1; ' +
                    "expected a string value (quote true, false and numbers)",
                '  - args.kubernetes.managementUrl: got "localhost:9044"; expected an http:// or https:// URL',
                '  - args.kubernetes.skipAwait[0]: got "Pod"; ' +
                    "expected one of Deployment, StatefulSet, Service, Ingress",
                "  - args.kubernetes.awaitTimeoutMinutes.StatefulSet: got 0; expected whole minutes from 1 to 1440",
            ].join("\n"),
        );
    });
});

describe("kubernetes awaits and Ingress annotations", () => {
    it("skipAwait annotates exactly the chosen kinds; awaitTimeoutMinutes sets their timeouts", async () => {
        const issuer = { "cert-manager.io/cluster-issuer": "letsencrypt" };
        const { mocks } = await deploy({
            target: "kubernetes",
            ui: true,
            kubernetes: {
                ingress: { host: "doku.example.com", tlsSecret: "doku-tls", annotations: issuer },
                skipAwait: ["Ingress", "Service"],
                awaitTimeoutMinutes: { StatefulSet: 20, Deployment: 15 },
            },
        });
        const annotated = mocks.resources
            .filter((resource) => resource.type.startsWith("kubernetes:"))
            .map((resource) => [
                resource.type,
                resource.name,
                JSON.stringify(resource.inputs.metadata.annotations ?? null),
            ]);
        const skip = JSON.stringify({ "pulumi.com/skipAwait": "true" });
        expect(sorted(annotated)).toEqual(
            sorted([
                [TYPE.namespace, "doku-namespace", "null"],
                [TYPE.secret, "doku-clickhouse-credentials", "null"],
                [TYPE.service, "doku-clickhouse", skip],
                [TYPE.service, "doku-clickhouse-headless", skip],
                [TYPE.statefulSet, "doku-clickhouse", "null"],
                [TYPE.deployment, "doku-server", "null"],
                [TYPE.service, "doku-server", skip],
                [TYPE.ingress, "doku-server", JSON.stringify({ ...issuer, "pulumi.com/skipAwait": "true" })],
                [TYPE.deployment, "doku-ui", "null"],
                [TYPE.service, "doku-ui", skip],
                [KIND.claim, "doku-ui-data", "null"],
            ]),
        );
        expect(mocks.customTimeouts).toEqual({
            [`${TYPE.statefulSet} doku-clickhouse`]: { create: "20m", update: "20m", delete: "" },
            [`${TYPE.deployment} doku-server`]: { create: "15m", update: "15m", delete: "" },
            [`${TYPE.deployment} doku-ui`]: { create: "15m", update: "15m", delete: "" },
        });
        expect(mocks.get(TYPE.ingress, "doku-server").inputs.spec.tls).toEqual([
            { hosts: ["doku.example.com"], secretName: "doku-tls" },
        ]);
        expect(validateAll(mocks)).toHaveLength(11);
    });

    it("the URLs wait for the Deployment, the Service and the Ingress that serve them", async () => {
        const mocks = mockCluster();
        const ingress = { host: "doku.example.com" };
        const ingester = new DokuIngester("doku", { target: "kubernetes", kubernetes: { ingress } });
        // Any resource that takes the URL as an input (as DokuApiKey and DokuConnection do).
        new k8s.core.v1.ConfigMap("probe", { data: { url: ingester.managementUrl } });
        await resolve(ingester.managementUrl);
        await settle(mocks);
        const probe = mocks.get("kubernetes:core/v1:ConfigMap", "probe");
        expect(probe.inputs.data.url).toBe("http://doku.example.com");
        expect(
            mocks.resources
                .filter((resource) => probe.dependsOn.includes(resource.name))
                .map((resource) => resource.type)
                .sort(),
        ).toEqual([TYPE.deployment, TYPE.service, TYPE.ingress].sort());
    });
});
