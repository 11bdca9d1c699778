import * as pulumi from "@pulumi/pulumi";
import { DokuIngester, DokuIngesterArgs } from "../../components/dokuIngester";
import { RecordedResource, RecordingMocks } from "../../offline/recording";
import { RawConfig, SECRET_VALUES, minimalConfig, resolve, settle } from "./pulumi";

export const PASSWORD = SECRET_VALUES["doku:clickhousePassword"];
export const T = {
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

/** What a load-balancer controller publishes in a LoadBalancer Service's `.status.loadBalancer.ingress[0]`. */
export type LoadBalancerIngress = { ip?: string; hostname?: string };

/**
 * Recording mocks that, like a cluster with a load-balancer controller, give LoadBalancer Services an address,
 * and that also record each resource's customTimeouts (by `<type> <name>`).
 */
export class ClusterMocks extends RecordingMocks {
    readonly customTimeouts: Record<string, { create: string; update: string; delete: string }> = {};

    constructor(private readonly loadBalancer?: LoadBalancerIngress) {
        super();
    }

    attach(monitor: any): void {
        super.attach(monitor);
        const recorded = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: any) => {
            const t = req.getCustomtimeouts();
            if (t !== undefined && (t.getCreate() || t.getUpdate() || t.getDelete())) {
                this.customTimeouts[`${req.getType()} ${req.getName()}`] = {
                    create: t.getCreate(),
                    update: t.getUpdate(),
                    delete: t.getDelete(),
                };
            }
            return recorded(req, callback);
        };
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        const created = super.newResource(args);
        const isLoadBalancer = args.type === T.service && args.inputs.spec?.type === "LoadBalancer";
        if (!isLoadBalancer || this.loadBalancer === undefined) return created;
        return { ...created, state: { ...created.state, status: { loadBalancer: { ingress: [this.loadBalancer] } } } };
    }
}

/** The Datadog application key the stack configs below carry (a placeholder, marked secret like SECRET_VALUES). */
export const DATADOG_APP_KEY = "dd-app-key-5e2b7c90a1d4f38e6b0c";

/** minimalConfig plus the Datadog application key the Datadog provider needs. */
export function stackConfig(extra: RawConfig = {}): RawConfig {
    return minimalConfig({ "doku:datadogAppKey": DATADOG_APP_KEY, ...extra });
}

/** Installs ClusterMocks with this config; the keys of SECRET_VALUES and the app key are marked secret. */
export function mockCluster(loadBalancer?: LoadBalancerIngress, config: RawConfig = {}, stack = "dev"): ClusterMocks {
    const mocks = new ClusterMocks(loadBalancer);
    pulumi.runtime.setMocks(mocks, "doku", stack, false);
    mocks.attach(pulumi.runtime.getMonitor());
    const secretKeys = Object.keys(config).filter((k) => k in SECRET_VALUES || k === "doku:datadogAppKey");
    pulumi.runtime.setAllConfig(config, secretKeys);
    return mocks;
}

/** A kubernetes ingester's minimal reachable settings: the machine running Pulumi uses a port-forward. */
export const PORT_FORWARD = "http://localhost:9044";

export async function deploy(
    args: DokuIngesterArgs,
    opts?: pulumi.ComponentResourceOptions,
    loadBalancer?: LoadBalancerIngress,
): Promise<{
    mocks: ClusterMocks;
    ingester: DokuIngester;
    url: string;
    managementUrl: string;
}> {
    const mocks = mockCluster(loadBalancer);
    const ingester = new DokuIngester("doku", args, opts);
    const url = await resolve(ingester.url);
    const managementUrl = await resolve(ingester.managementUrl);
    await settle(mocks);
    return { mocks, ingester, url, managementUrl };
}

/** [type, name, parent] of every resource, sorted. */
export function inventory(mocks: RecordingMocks): string[][] {
    return sorted(mocks.resources.map((r) => [r.type, r.name, r.parent ?? "-"]));
}

export function sorted(rows: string[][]): string[][] {
    return [...rows].sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1));
}

export function envMap(r: RecordedResource): Record<string, string> {
    return Object.fromEntries(
        (r.inputs.envs as string[]).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
    );
}

/** Every Kubernetes object, validated with kubernetes-models. */
export function validateManifests(mocks: RecordingMocks): string[] {
    const models: Record<string, string> = {
        [T.namespace]: "v1/Namespace",
        [T.secret]: "v1/Secret",
        [T.service]: "v1/Service",
        [T.statefulSet]: "apps/v1/StatefulSet",
        [T.deployment]: "apps/v1/Deployment",
        [T.pdb]: "policy/v1/PodDisruptionBudget",
        [T.ingress]: "networking.k8s.io/v1/Ingress",
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
