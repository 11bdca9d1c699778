import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { DokuIngester, DokuIngesterArgs } from "../../components/dokuIngester";
import { RecordedResource, RecordingMocks } from "../../offline/recording";
import { RawConfig, SECRET_VALUES, minimalConfig, resolve, settle } from "./pulumi";

/** The ClickHouse password the stack configs carry (`doku:clickhousePassword` of SECRET_VALUES). */
export const PASSWORD = SECRET_VALUES["doku:clickhousePassword"];
/** The Pulumi type token of each kind of resource an ingester registers. */
export const TYPE = {
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
            const timeouts = req.getCustomtimeouts();
            if (timeouts !== undefined && (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete())) {
                this.customTimeouts[`${req.getType()} ${req.getName()}`] = {
                    create: timeouts.getCreate(),
                    update: timeouts.getUpdate(),
                    delete: timeouts.getDelete(),
                };
            }
            return recorded(req, callback);
        };
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        const created = super.newResource(args);
        const isLoadBalancer = args.type === TYPE.service && args.inputs.spec?.type === "LoadBalancer";
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
    const secretKeys = Object.keys(config).filter((key) => key in SECRET_VALUES || key === "doku:datadogAppKey");
    pulumi.runtime.setAllConfig(config, secretKeys);
    return mocks;
}

/** A kubernetes ingester's minimal reachable settings: the machine running Pulumi uses a port-forward. */
export const PORT_FORWARD = "http://localhost:9044";

/** Deploys a DokuIngester with these args under ClusterMocks; returns the mocks, the component and its URLs. */
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
    return sorted(mocks.resources.map((resource) => [resource.type, resource.name, resource.parent ?? "-"]));
}

/** A sorted copy of these rows, compared by their cells joined with spaces. */
export function sorted(rows: string[][]): string[][] {
    return [...rows].sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1));
}

/** A docker container's environment (its `envs` input of `NAME=value` strings) as a map from name to value. */
export function envMap(container: RecordedResource): Record<string, string> {
    return Object.fromEntries(
        (container.inputs.envs as string[]).map((variable) => [
            variable.slice(0, variable.indexOf("=")),
            variable.slice(variable.indexOf("=") + 1),
        ]),
    );
}

/** Every Kubernetes object, validated with kubernetes-models. */
export function validateManifests(mocks: RecordingMocks): string[] {
    const models: Record<string, new (data: any) => { validate(): void }> = {
        [TYPE.namespace]: Namespace,
        [TYPE.secret]: Secret,
        [TYPE.service]: Service,
        [TYPE.statefulSet]: StatefulSet,
        [TYPE.deployment]: Deployment,
        [TYPE.pdb]: PodDisruptionBudget,
        [TYPE.ingress]: Ingress,
    };
    const validated: string[] = [];
    for (const resource of mocks.resources.filter((recorded) => recorded.type.startsWith("kubernetes:"))) {
        const Model = models[resource.type];
        if (!Model) throw new Error(`no kubernetes-models class for ${resource.type}`);
        new Model(resource.inputs).validate();
        validated.push(`${resource.inputs.kind} ${resource.inputs.metadata.name}`);
    }
    return validated;
}
