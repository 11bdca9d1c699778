import * as pulumi from "@pulumi/pulumi";
import { DokuIngester, DokuIngesterArgs } from "../../components/dokuIngester";
import { RecordedResource, RecordingMocks } from "../../offline/recording";
import { SECRET_VALUES, mockStack, resolve, settle } from "./pulumi";

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

export async function deploy(args: DokuIngesterArgs, opts?: pulumi.ComponentResourceOptions): Promise<{ mocks: RecordingMocks; ingester: DokuIngester; url: string }> {
    const mocks = mockStack({});
    const ingester = new DokuIngester("doku", args, opts);
    const url = await resolve(ingester.url);
    await settle(mocks);
    return { mocks, ingester, url };
}

/** [type, name, parent] of every resource, sorted. */
export function inventory(mocks: RecordingMocks): string[][] {
    return sorted(mocks.resources.map((r) => [r.type, r.name, r.parent ?? "-"]));
}

export function sorted(rows: string[][]): string[][] {
    return [...rows].sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1));
}

export function envMap(r: RecordedResource): Record<string, string> {
    return Object.fromEntries((r.inputs.envs as string[]).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

/** Every Kubernetes object, validated with kubernetes-models. */
export function validateManifests(mocks: RecordingMocks): string[] {
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

