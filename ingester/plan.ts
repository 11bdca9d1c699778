/**
 * @file What a target builder (docker.ts, kubernetes.ts) receives from DokuIngester: its arguments with the
 * key table's defaults applied. Here, below the component, so that the builders import no component.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DockerTargetArgs, IngesterImagesArgs, KubernetesTargetArgs } from "../config/ingesterArgs";
import type { DatabaseSpec } from "./containerSpec";

export type { KubernetesAwaitKind } from "../config/kubernetesKeys";

/** Everything a target builder needs, defaults applied. */
export interface IngesterPlan {
    readonly name: string;
    readonly managedClickhouse: boolean;
    readonly db: DatabaseSpec;
    readonly password: pulumi.Output<string>;
    readonly retentionPeriod: string;
    readonly pricingUrl?: string;
    readonly ui: boolean;
    readonly images: Required<IngesterImagesArgs>;
    readonly docker: Required<Omit<DockerTargetArgs, "clickhouseHostPort">> &
        Pick<DockerTargetArgs, "clickhouseHostPort">;
    readonly kubernetes: KubernetesTargetArgs &
        Required<
            Pick<KubernetesTargetArgs, "namespace" | "createNamespace" | "replicas" | "serviceType" | "storageSize">
        >;
}
