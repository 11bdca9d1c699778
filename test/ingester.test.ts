import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DokuIngester, DokuIngesterArgs } from "../components/dokuIngester";
import { DokuObservability } from "../components/dokuObservability";
import { loadConfig } from "../config/load";
import { RecordedResource, RecordingMocks, redactedInputs } from "../offline/recording";
import { SECRET_VALUES, minimalConfig, mockStack, resolve, settle } from "./support/pulumi";

const PASSWORD = SECRET_VALUES["doku:clickhousePassword"];
const T = {
    component: "doku:ingester:DokuIngester",
    password: "random:index/randomPassword:RandomPassword",
    network: "docker:index/network:Network",
    image: "docker:index/remoteImage:RemoteImage",
    volume: "docker:index/volume:Volume",
    container: "docker:index/container:Container",
    namespace: "kubernetes:core/v1:Namespace",
    secret: "kubernetes:core/v1:Secret",
    service: "kubernetes:core/v1:Service",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    deployment: "kubernetes:apps/v1:Deployment",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
};

async function deploy(args: DokuIngesterArgs, opts?: pulumi.ComponentResourceOptions): Promise<{ mocks: RecordingMocks; ingester: DokuIngester; url: string }> {
    const mocks = mockStack({});
    const ingester = new DokuIngester("doku", args, opts);
    const url = await resolve(ingester.url);
    await settle(mocks);
    return { mocks, ingester, url };
}

/** [type, name, parent] of every resource, sorted. */
function inventory(mocks: RecordingMocks): string[][] {
    return sorted(mocks.resources.map((r) => [r.type, r.name, r.parent ?? "-"]));
}

function sorted(rows: string[][]): string[][] {
    return [...rows].sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1));
}

function envMap(r: RecordedResource): Record<string, string> {
    return Object.fromEntries((r.inputs.envs as string[]).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

/** Every Kubernetes object, validated with kubernetes-models. */
function validateManifests(mocks: RecordingMocks): string[] {
    const models: Record<string, string> = {
        [T.namespace]: "v1/Namespace", [T.secret]: "v1/Secret", [T.service]: "v1/Service",
        [T.statefulSet]: "apps/v1/StatefulSet", [T.deployment]: "apps/v1/Deployment",
        [T.pdb]: "policy/v1/PodDisruptionBudget", [T.ingress]: "networking.k8s.io/v1/Ingress",
    };
    const validated: string[] = [];
    for (const r of mocks.resources.filter((x) => x.type.startsWith("kubernetes:"))) {
        const path = models[r.type];
        if (!path) throw new Error(`no kubernetes-models class for ${r.type}`);
        const Model = require(`kubernetes-models/${path}`)[path.split("/").pop()!];
        new Model(r.inputs).validate();
        validated.push(`${r.inputs.kind} ${r.inputs.metadata.name}`);
    }
    return validated;
}

describe("docker target", () => {
    it("managed ClickHouse, UI off: network, pinned images, ClickHouse with volume and health check, ingester after it", async () => {
        const { mocks, ingester, url } = await deploy({ target: "docker" });
        expect(inventory(mocks)).toEqual(sorted([
            [T.component, "doku", "-"],
            [T.container, "doku-clickhouse", "doku"],
            [T.container, "doku-server", "doku"],
            [T.network, "doku-network", "doku"],
            [T.image, "doku-clickhouse-image", "doku"],
            [T.image, "doku-server-image", "doku"],
            [T.volume, "doku-clickhouse-data", "doku"],
            [T.password, "doku-clickhouse-password", "doku"],
        ]));
        expect(url).toBe("http://localhost:9044");
        expect(mocks.get(T.image, "doku-clickhouse-image").inputs).toEqual({ name: "clickhouse/clickhouse-server:24.2.2", keepLocally: true });
        expect(mocks.get(T.image, "doku-server-image").inputs).toEqual({ name: "ghcr.io/dokulabs/doku-ingester:0.1.3", keepLocally: true });
        expect(mocks.get(T.password, "doku-clickhouse-password").inputs).toEqual({ length: 32, special: false });

        const ch = mocks.get(T.container, "doku-clickhouse");
        const password = await resolve(ingester.clickhousePassword!);
        expect(await pulumi.isSecret(ingester.clickhousePassword!)).toBe(true);
        expect(ch.secretInputs).toEqual(["envs"]);
        expect(envMap(ch)).toEqual({ CLICKHOUSE_USER: "default", CLICKHOUSE_PASSWORD: password });
        expect(ch.inputs).toMatchObject({
            name: "doku-clickhouse",
            restart: "always",
            wait: true,
            ports: [],
            volumes: [{ volumeName: "doku-clickhouse-data", containerPath: "/var/lib/clickhouse" }],
            networksAdvanced: [{ name: "doku-doku", aliases: ["doku-clickhouse"] }],
            healthcheck: { tests: ["CMD-SHELL", "wget --spider -q http://localhost:8123/ping || exit 1"] },
        });

        const server = mocks.get(T.container, "doku-server");
        expect(server.secretInputs).toEqual(["envs"]);
        expect(envMap(server)).toEqual({
            DOKU_DB_HOST: "doku-clickhouse", DOKU_DB_PORT: "9000", DOKU_DB_NAME: "default", DOKU_DB_USER: "default",
            DOKU_DB_PASSWORD: password, DOKU_DB_MAX_IDLE_CONNS: "10", DOKU_DB_MAX_OPEN_CONNS: "20", DOKU_DB_RETENTION_PERIOD: "6 MONTH",
        });
        expect(server.inputs).toMatchObject({
            ports: [{ internal: 9044, external: 9044 }],
            restart: "always",
            healthcheck: { tests: ["CMD-SHELL", "wget -q -O /dev/null http://localhost:9044/ || exit 1"] },
        });
        // Started only after ClickHouse is healthy: it depends on the container created with wait: true.
        expect(server.dependsOn).toContain("doku-clickhouse");
    });

    it("existing ClickHouse, UI on, custom ports and pricing URL", async () => {
        const { mocks } = await deploy({
            target: "docker",
            ui: true,
            clickhouse: { host: "ch.internal", user: "doku", database: "llm", password: PASSWORD },
            pricingUrl: "https://mirror.example.com/pricing.json",
            retentionPeriod: "30 DAY",
            docker: { ingesterHostPort: 19044, uiHostPort: 13000 },
        });
        expect(inventory(mocks)).toEqual(sorted([
            [T.component, "doku", "-"],
            [T.container, "doku-server", "doku"],
            [T.container, "doku-ui", "doku"],
            [T.network, "doku-network", "doku"],
            [T.image, "doku-server-image", "doku"],
            [T.image, "doku-ui-image", "doku"],
            [T.volume, "doku-ui-data", "doku"],
        ]));
        expect(envMap(mocks.get(T.container, "doku-server"))).toMatchObject({
            DOKU_DB_HOST: "ch.internal", DOKU_DB_USER: "doku", DOKU_DB_NAME: "llm", DOKU_DB_PASSWORD: PASSWORD,
            DOKU_DB_RETENTION_PERIOD: "30 DAY", DOKU_PRICING_JSON_URL: "https://mirror.example.com/pricing.json",
        });
        const ui = mocks.get(T.container, "doku-ui");
        expect(envMap(ui)).toEqual({
            INIT_DB_HOST: "ch.internal", INIT_DB_PORT: "8123", INIT_DB_DATABASE: "llm", INIT_DB_USERNAME: "doku",
            INIT_DB_PASSWORD: PASSWORD, SQLITE_DATABASE_URL: "file:/app/client/data/data.db",
        });
        expect(ui.inputs).toMatchObject({
            ports: [{ internal: 3000, external: 13000 }],
            volumes: [{ volumeName: "doku-ui-data", containerPath: "/app/client/data" }],
            restart: "always",
        });
        expect(mocks.get(T.container, "doku-server").inputs.ports).toEqual([{ internal: 9044, external: 19044 }]);
    });

    it("publishes ClickHouse's port only when asked", async () => {
        const { mocks } = await deploy({ docker: { clickhouseHostPort: 19000 } });
        expect(mocks.get(T.container, "doku-clickhouse").inputs.ports).toEqual([{ internal: 9000, external: 19000 }]);
    });
});

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
        expect(dep.spec.template.spec.affinity.nodeAffinity).toBeDefined();
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

    it("passes the caller's Docker provider to every Docker child", async () => {
        const mocks = mockStack({});
        const provider = new docker.Provider("remote-host", { host: "ssh://ops@build-host" });
        const ingester = new DokuIngester("doku", { target: "docker", ui: true }, { providers: [provider] });
        await resolve(ingester.url);
        await settle(mocks);
        const providerUrn = mocks.get("pulumi:providers:docker", "remote-host").urn;
        const children = mocks.resources.filter((r) => r.type.startsWith("docker:"));
        expect(children).toHaveLength(9);
        for (const child of children) expect(child.provider.startsWith(`${providerUrn}::`)).toBe(true);
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

describe("external target", () => {
    it("registers no container and passes the URL through", async () => {
        const { mocks, url, ingester } = await deploy({ target: "external", ingesterUrl: "https://doku.example.com/" });
        expect(inventory(mocks)).toEqual([[T.component, "doku", "-"]]);
        expect(url).toBe("https://doku.example.com");
        expect(ingester.clickhousePassword).toBeUndefined();
    });
});

describe("bad arguments", () => {
    it("reports every problem, naming the argument, and registers no child", async () => {
        const mocks = mockStack({});
        expect(() => new DokuIngester("doku", {
            target: "external",
            kubernetes: { replicas: 0, storageSize: "10GB" },
            images: { ingester: "ghcr.io/dokulabs/doku-ingester:latest" },
            clickhouse: { port: 0 },
        })).toThrow([
            'doku:ingester:DokuIngester "doku": invalid arguments:',
            "  - args.ingesterUrl: missing; required when target is external (the ingester's base URL)",
            "  - args.clickhouse.port: got 0; expected a port from 1 to 65535",
            '  - args.images.ingester: got "ghcr.io/dokulabs/doku-ingester:latest"; expected a pinned tag, not :latest',
            "  - args.kubernetes.replicas: got 0; expected an integer ≥ 1",
            '  - args.kubernetes.storageSize: got "10GB"; expected a size such as 20Gi',
        ].join("\n"));
        await settle(mocks);
        expect(mocks.resources.filter((r) => r.type !== T.component)).toHaveLength(0);
    });
});

describe("no secret leaks", () => {
    const secrets = Object.values(SECRET_VALUES);
    const configs: Record<string, Record<string, string>> = {
        "docker, managed": minimalConfig({ "doku:apiKey": SECRET_VALUES["doku:apiKey"], "doku:ui": "true", "doku:clickhousePassword": PASSWORD }),
        "docker, existing": minimalConfig({ "doku:clickhouseHost": "ch.internal", "doku:clickhousePassword": PASSWORD, "doku:ui": "true" }),
        "kubernetes, managed": minimalConfig({ "doku:target": "kubernetes", "doku:clickhousePassword": PASSWORD, "doku:apiKey": SECRET_VALUES["doku:apiKey"], "doku:ui": "true" }),
        "kubernetes, existing": minimalConfig({ "doku:target": "kubernetes", "doku:clickhouseHost": "ch.internal", "doku:clickhousePassword": PASSWORD, "doku:replicas": "3" }),
        external: minimalConfig({ "doku:target": "external", "doku:ingesterUrl": "https://doku.example.com", "doku:apiKey": SECRET_VALUES["doku:apiKey"] }),
    };

    it.each(Object.keys(configs))("%s: secrets appear only in secret inputs, never in an env literal", async (name) => {
        const mocks = mockStack(configs[name]);
        const doku = new DokuObservability("doku", loadConfig());
        await resolve(doku.dashboardUrl);
        await settle(mocks);
        let secretInputsSeen = 0;
        for (const r of mocks.resources) {
            const visible = JSON.stringify(redactedInputs(r));
            for (const s of secrets) expect(visible).not.toContain(s);
            secretInputsSeen += r.secretInputs.length;
            for (const c of r.inputs.spec?.template?.spec?.containers ?? []) {
                for (const e of c.env ?? []) {
                    if (/PASSWORD/.test(e.name)) expect(e.value).toBeUndefined();
                    for (const s of secrets) expect(JSON.stringify(e)).not.toContain(s);
                }
            }
        }
        expect(secretInputsSeen).toBeGreaterThan(0);
        expect(await pulumi.isSecret(doku.dokuApiKey)).toBe(true);
    });

    it("a thrown configuration error never contains a secret", () => {
        mockStack({ ...configs["docker, managed"], "doku:clickhousePassword": "short", "doku:replicas": "-3" });
        let message = "";
        try {
            loadConfig();
        } catch (e) {
            message = (e as Error).message;
        }
        expect(message).toMatch(/doku:clickhousePassword: the secret value is not valid/);
        for (const s of [...secrets, "short"]) expect(message).not.toContain(s);
    });
});
