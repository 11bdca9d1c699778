/**
 * @file A type check, not a jest test: `tsc -p tsconfig.check.json` (in `npm test`) fails when the structural
 * Kubernetes pass-through types (config/ingesterArgs.ts) stop accepting @pulumi/kubernetes's own input types.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { DokuIngesterArgs } from "../../components/dokuIngester";

const affinity: k8s.types.input.core.v1.Affinity = {
    podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: {} } },
        ],
    },
};
const toleration: k8s.types.input.core.v1.Toleration = { key: "dedicated", operator: "Exists" };
const resources: k8s.types.input.core.v1.ResourceRequirements = { limits: { memory: "1Gi" } };

/** KubernetesTargetArgs built from k8s.types.input values: it must compile. */
export const KUBERNETES_FROM_K8S_TYPES: NonNullable<DokuIngesterArgs["kubernetes"]> = {
    affinity,
    tolerations: [toleration],
    resources,
    clickhouseResources: resources,
    uiResources: resources,
};
