/**
 * @file What an SRE reviewing the Kubernetes resources asks for (issue 23): the UI's data on a claim that
 * survives destroy, liveness that tests the process only, a password change that rolls the pods without the
 * password in the template, resources on every container, a headless governing Service, the Pod Security
 * Standards, and ingress-nginx's body limit.
 */
import { problems } from "./support/config";
import { createHmac } from "node:crypto";
import { DokuIngester, DokuIngesterArgs } from "../components/dokuIngester";
import { loadConfig } from "../config/load";
import { PORT_FORWARD, TYPE, deploy, mockCluster, stackConfig } from "./support/ingester";
import { KIND, podSecurityViolations, recordRetainOnDelete, validateAll } from "./support/kubernetesManifests";
import { resolve, settle } from "./support/pulumi";

const DIGEST = "pulumi-doku/credentials-digest";
const reachable = { managementUrl: PORT_FORWARD };

/** The pod templates of the three workloads: the ingester's, ClickHouse's and the UI's. */
function templates(mocks: Awaited<ReturnType<typeof deploy>>["mocks"]): Record<string, any> {
    return {
        ingester: mocks.get(TYPE.deployment, "doku-server").inputs.spec.template,
        clickhouse: mocks.get(TYPE.statefulSet, "doku-clickhouse").inputs.spec.template,
        ui: mocks.get(TYPE.deployment, "doku-ui").inputs.spec.template,
    };
}

describe("the UI's SQLite folder is a PersistentVolumeClaim kept on destroy", () => {
    it("claim <name>-ui-data (1Gi, the StorageClass of doku:storageClass), mounted, the pod recreated", async () => {
        const mocks = mockCluster();
        const retained = recordRetainOnDelete();
        const args: DokuIngesterArgs = {
            target: "kubernetes",
            ui: true,
            kubernetes: { ...reachable, storageClass: "gp3" },
        };
        const ingester = new DokuIngester("doku", args);
        await resolve(ingester.url);
        await settle(mocks);
        expect(mocks.get(KIND.claim, "doku-ui-data").inputs.spec).toEqual({
            accessModes: ["ReadWriteOnce"],
            storageClassName: "gp3",
            resources: { requests: { storage: "1Gi" } },
        });
        const ui = mocks.get(TYPE.deployment, "doku-ui").inputs.spec;
        expect(ui.strategy).toEqual({ type: "Recreate" });
        expect(ui.template.spec.volumes).toEqual([
            { name: "data", persistentVolumeClaim: { claimName: "doku-ui-data" } },
        ]);
        expect(ui.template.spec.containers[0].volumeMounts).toEqual([{ name: "data", mountPath: "/app/client/data" }]);
        // Deleting the namespace would delete the claims in it: both are kept.
        expect([...retained].sort()).toEqual([`${TYPE.namespace} doku-namespace`, `${KIND.claim} doku-ui-data`]);
        expect(validateAll(mocks)).toContain("PersistentVolumeClaim doku-ui-data");
    });

    it("kubernetes.uiStorageSize sizes it, checked as doku:storageSize is", async () => {
        const { mocks } = await deploy({
            target: "kubernetes",
            ui: true,
            kubernetes: { ...reachable, uiStorageSize: "5Gi" },
        });
        expect(mocks.get(KIND.claim, "doku-ui-data").inputs.spec.resources).toEqual({ requests: { storage: "5Gi" } });
        mockCluster();
        expect(
            () => new DokuIngester("bad", { target: "kubernetes", kubernetes: { ...reachable, uiStorageSize: "5GB" } }),
        ).toThrow('  - args.kubernetes.uiStorageSize: got "5GB"; expected a size such as 20Gi');
    });
});

describe("probes: liveness tests the process, readiness may use GET /", () => {
    it("the UI has a startup, a liveness (TCP) and a readiness (GET /) probe", async () => {
        const { mocks } = await deploy({ target: "kubernetes", ui: true, kubernetes: reachable });
        const ui = mocks.get(TYPE.deployment, "doku-ui").inputs.spec.template.spec.containers[0];
        expect([ui.startupProbe, ui.livenessProbe, ui.readinessProbe]).toEqual([
            { tcpSocket: { port: "http" }, periodSeconds: 10, failureThreshold: 30 },
            { tcpSocket: { port: "http" }, periodSeconds: 20, failureThreshold: 3 },
            { httpGet: { path: "/", port: "http" }, periodSeconds: 10 },
        ]);
        const server = mocks.get(TYPE.deployment, "doku-server").inputs.spec.template.spec.containers[0];
        expect(server.livenessProbe.httpGet).toBeUndefined();
        expect(server.livenessProbe.tcpSocket).toEqual({ port: "http" });
    });
});

describe("a new ClickHouse password rolls the pods; the templates never hold it", () => {
    const withPassword = (password: string) =>
        deploy({ target: "kubernetes", ui: true, clickhouse: { password }, kubernetes: reachable });

    it("every pod template carries the keyed digest, which changes with the password and only with it", async () => {
        const first = templates((await withPassword("first-password-0123")).mocks);
        const again = templates((await withPassword("first-password-0123")).mocks);
        const second = templates((await withPassword("second-password-4567")).mocks);
        const digests = (set: Record<string, any>) => Object.values(set).map((t) => t.metadata.annotations[DIGEST]);
        // HMAC-SHA256 under the generated key (the mocks' RandomPassword result), cut to 16 hex digits.
        const key = "mock-password-doku-credentials-digest-key-xxxxxxxxxxxx";
        const hmac = (password: string) => createHmac("sha256", key).update(password).digest("hex").slice(0, 16);
        expect(digests(first)).toEqual(Array(3).fill(hmac("first-password-0123")));
        expect(digests(again)).toEqual(digests(first));
        expect(digests(second)).toEqual(Array(3).fill(hmac("second-password-4567")));
        expect(hmac("second-password-4567")).not.toBe(hmac("first-password-0123"));
        for (const [set, password] of [
            [first, "first-password-0123"],
            [second, "second-password-4567"],
        ] as const) {
            expect(JSON.stringify(set)).not.toContain(password);
        }
    });

    it("the digest is plain and the workloads take no secret input; the key is a secret of its own", async () => {
        const { mocks } = await withPassword("first-password-0123");
        for (const [type, name] of [
            [TYPE.deployment, "doku-server"],
            [TYPE.statefulSet, "doku-clickhouse"],
            [TYPE.deployment, "doku-ui"],
        ]) {
            expect(mocks.get(type, name).secretInputs).toEqual([]);
        }
        expect(mocks.get(TYPE.password, "doku-credentials-digest-key").inputs).toEqual({ length: 32, special: false });
        expect(mocks.get(TYPE.secret, "doku-clickhouse-credentials").secretInputs).toEqual(["stringData"]);
    });
});

describe("resources, and the StatefulSet's headless Service", () => {
    it("ClickHouse and the UI get requests and limits by default, and take the caller's", async () => {
        const defaults = templates((await deploy({ target: "kubernetes", ui: true, kubernetes: reachable })).mocks);
        expect(defaults.clickhouse.spec.containers[0].resources).toEqual({
            requests: { cpu: "250m", memory: "1Gi" },
            limits: { cpu: "2", memory: "4Gi" },
        });
        expect(defaults.ui.spec.containers[0].resources).toEqual({
            requests: { cpu: "50m", memory: "256Mi" },
            limits: { cpu: "1", memory: "1Gi" },
        });
        const clickhouseResources = { requests: { cpu: "1", memory: "8Gi" }, limits: { memory: "8Gi" } };
        const uiResources = { requests: { cpu: "10m" } };
        const kubernetes = { ...reachable, clickhouseResources, uiResources };
        const set = templates((await deploy({ target: "kubernetes", ui: true, kubernetes })).mocks);
        expect(set.clickhouse.spec.containers[0].resources).toEqual(clickhouseResources);
        expect(set.ui.spec.containers[0].resources).toEqual(uiResources);
    });

    it("serviceName names a headless Service; the ingester still connects through the ClusterIP one", async () => {
        const { mocks } = await deploy({ target: "kubernetes", kubernetes: reachable });
        const statefulSet = mocks.get(TYPE.statefulSet, "doku-clickhouse").inputs.spec;
        expect(statefulSet.serviceName).toBe("doku-clickhouse-headless");
        expect(mocks.get(TYPE.service, "doku-clickhouse-headless").inputs.spec).toEqual({
            type: "ClusterIP",
            clusterIP: "None",
            publishNotReadyAddresses: true,
            selector: { "app.kubernetes.io/instance": "doku", "app.kubernetes.io/component": "clickhouse" },
            ports: [
                { name: "native", port: 9000, targetPort: "native" },
                { name: "http", port: 8123, targetPort: "http" },
            ],
        });
        expect(mocks.get(TYPE.service, "doku-clickhouse").inputs.spec.clusterIP).toBeUndefined();
        const server = mocks.get(TYPE.deployment, "doku-server").inputs.spec.template.spec.containers[0];
        expect(server.env[0]).toEqual({ name: "DOKU_DB_HOST", value: "doku-clickhouse" });
    });
});

describe("Pod Security Standards", () => {
    it("the ingester and ClickHouse meet restricted; the UI (root image) meets baseline only", async () => {
        const set = templates((await deploy({ target: "kubernetes", ui: true, kubernetes: reachable })).mocks);
        expect(podSecurityViolations(set.ingester.spec, "restricted")).toEqual([]);
        expect(podSecurityViolations(set.clickhouse.spec, "restricted")).toEqual([]);
        expect(podSecurityViolations(set.ui.spec, "restricted")).toEqual(["ui: runAsNonRoot not true"]);
        expect(podSecurityViolations(set.ui.spec, "baseline")).toEqual([]);
        expect(set.ingester.spec.securityContext).toEqual({
            seccompProfile: { type: "RuntimeDefault" },
            runAsNonRoot: true,
            runAsUser: 65534,
            runAsGroup: 65534,
        });
        expect(set.clickhouse.spec.securityContext).toEqual({
            seccompProfile: { type: "RuntimeDefault" },
            runAsNonRoot: true,
            runAsUser: 101,
            runAsGroup: 101,
            fsGroup: 101,
            fsGroupChangePolicy: "OnRootMismatch",
        });
    });

    it("the created namespace enforces the strictest level its pods meet, or kubernetes.podSecurityLevel", async () => {
        const labels = async (args: DokuIngesterArgs) =>
            (await deploy(args)).mocks.get(TYPE.namespace, "doku-namespace").inputs.metadata.labels;
        const level = (value: string) => ({
            "pod-security.kubernetes.io/enforce": value,
            "pod-security.kubernetes.io/warn": value,
            "pod-security.kubernetes.io/audit": value,
        });
        expect(await labels({ target: "kubernetes", kubernetes: reachable })).toEqual(level("restricted"));
        expect(await labels({ target: "kubernetes", ui: true, kubernetes: reachable })).toEqual(level("baseline"));
        const privileged = { ...reachable, podSecurityLevel: "privileged" as const };
        expect(await labels({ target: "kubernetes", kubernetes: privileged })).toEqual(level("privileged"));
    });

    it("doku:podSecurityLevel maps onto kubernetes.podSecurityLevel; a bad level is named", () => {
        const config = { "doku:target": "kubernetes", "doku:managementUrl": PORT_FORWARD };
        mockCluster(undefined, stackConfig({ ...config, "doku:podSecurityLevel": "baseline" }));
        expect(loadConfig().kubernetes?.podSecurityLevel).toBe("baseline");
        expect(problems(stackConfig({ ...config, "doku:podSecurityLevel": "strict" }))).toEqual([
            'doku:podSecurityLevel: got "strict"; expected restricted, baseline or privileged',
        ]);
    });
});

describe("an Ingress of class nginx passes telemetry batches above nginx's 1 MB default", () => {
    const annotations = async (ingress: NonNullable<DokuIngesterArgs["kubernetes"]>["ingress"]) =>
        (await deploy({ target: "kubernetes", kubernetes: { ingress } })).mocks.get(TYPE.ingress, "doku-server").inputs
            .metadata.annotations;
    const BODY = "nginx.ingress.kubernetes.io/proxy-body-size";

    it("sets proxy-body-size 16m for class nginx; the caller's annotation wins; other classes get none", async () => {
        expect(await annotations({ host: "doku.example.com", className: "nginx" })).toEqual({ [BODY]: "16m" });
        const own = { [BODY]: "64m", "cert-manager.io/cluster-issuer": "letsencrypt" };
        expect(await annotations({ host: "doku.example.com", className: "nginx", annotations: own })).toEqual(own);
        expect(await annotations({ host: "doku.example.com", className: "traefik" })).toBeUndefined();
        expect(await annotations({ host: "doku.example.com" })).toBeUndefined();
    });
});
