/**
 * @file The Kubernetes types a KubernetesTargetArgs passes through to the pod specs (resources, tolerations,
 * affinity), declared here so that the library's declarations never import the optional @pulumi/kubernetes.
 */
import type * as pulumi from "@pulumi/pulumi";

// The pass-through types below are declared here, field for field as @pulumi/kubernetes 4.34 declares them
// (types/input.d.ts, core.v1 and meta.v1), so that these declarations never import that optional peer: a
// consumer with `skipLibCheck: false` and no @pulumi/kubernetes still compiles (test/kubernetesOptionalPeer).
// Values typed by @pulumi/kubernetes are assignable to them, and they to the Kubernetes pod spec's.

/** A container's CPU and memory (`core.v1.ResourceRequirements`), e.g. `{ requests: { cpu: "100m" } }`. */
export interface ResourceRequirements {
    /** Dynamic resource claims the container uses (by the pod's `resourceClaims` names). */
    readonly claims?: pulumi.Input<pulumi.Input<ResourceClaim>[] | undefined>;
    /** The most of each resource the container may use, e.g. `{ cpu: "1", memory: "1Gi" }`. */
    readonly limits?: pulumi.Input<Record<string, pulumi.Input<string>> | undefined>;
    /** What the scheduler reserves for the container, e.g. `{ cpu: "100m", memory: "128Mi" }`. */
    readonly requests?: pulumi.Input<Record<string, pulumi.Input<string>> | undefined>;
}

/** One resource claim of a container (`core.v1.ResourceClaim`). */
export interface ResourceClaim {
    /** The name of an entry of the pod's `resourceClaims`. */
    readonly name: pulumi.Input<string>;
    /** The request of that claim to use; all of them when unset. */
    readonly request?: pulumi.Input<string | undefined>;
}

/** A toleration of node taints (`core.v1.Toleration`). */
export interface Toleration {
    /** The taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; all effects when unset. */
    readonly effect?: pulumi.Input<string | undefined>;
    /** The taint key to match; with operator Exists and no key, every taint. */
    readonly key?: pulumi.Input<string | undefined>;
    /** Exists or Equal (the default). */
    readonly operator?: pulumi.Input<string | undefined>;
    /** With effect NoExecute: seconds the pod stays bound after the taint appears (forever when unset). */
    readonly tolerationSeconds?: pulumi.Input<number | undefined>;
    /** The taint value to match with operator Equal. */
    readonly value?: pulumi.Input<string | undefined>;
}

/** Scheduling constraints of the pods (`core.v1.Affinity`). */
export interface Affinity {
    /** Node affinity scheduling rules. */
    readonly nodeAffinity?: pulumi.Input<NodeAffinity | undefined>;
    /** Rules that place the pods with other pods (same node, zone, …). */
    readonly podAffinity?: pulumi.Input<PodAffinity | undefined>;
    /** Rules that keep the pods away from other pods. */
    readonly podAntiAffinity?: pulumi.Input<PodAntiAffinity | undefined>;
}

/** Node affinity (`core.v1.NodeAffinity`). */
export interface NodeAffinity {
    /** Preferred node terms, by weight. */
    readonly preferredDuringSchedulingIgnoredDuringExecution?: pulumi.Input<
        pulumi.Input<PreferredSchedulingTerm>[] | undefined
    >;
    /** Node terms the pods require to be scheduled. */
    readonly requiredDuringSchedulingIgnoredDuringExecution?: pulumi.Input<NodeSelector | undefined>;
}

/** A weighted node term (`core.v1.PreferredSchedulingTerm`). */
export interface PreferredSchedulingTerm {
    /** The node term. */
    readonly preference: pulumi.Input<NodeSelectorTerm>;
    /** Its weight, 1 to 100. */
    readonly weight: pulumi.Input<number>;
}

/** Node selector terms, any of which a node must match (`core.v1.NodeSelector`). */
export interface NodeSelector {
    /** The terms (ORed). */
    readonly nodeSelectorTerms: pulumi.Input<pulumi.Input<NodeSelectorTerm>[]>;
}

/** Requirements on a node's labels and fields, all of which must hold (`core.v1.NodeSelectorTerm`). */
export interface NodeSelectorTerm {
    /** Requirements on node labels. */
    readonly matchExpressions?: pulumi.Input<pulumi.Input<NodeSelectorRequirement>[] | undefined>;
    /** Requirements on node fields. */
    readonly matchFields?: pulumi.Input<pulumi.Input<NodeSelectorRequirement>[] | undefined>;
}

/** One requirement on a node label or field (`core.v1.NodeSelectorRequirement`). */
export interface NodeSelectorRequirement {
    /** The label or field. */
    readonly key: pulumi.Input<string>;
    /** In, NotIn, Exists, DoesNotExist, Gt or Lt. */
    readonly operator: pulumi.Input<string>;
    /** The values the operator compares with. */
    readonly values?: pulumi.Input<pulumi.Input<string>[] | undefined>;
}

/** Pod affinity (`core.v1.PodAffinity`). */
export interface PodAffinity {
    /** Preferred pod terms, by weight. */
    readonly preferredDuringSchedulingIgnoredDuringExecution?: pulumi.Input<
        pulumi.Input<WeightedPodAffinityTerm>[] | undefined
    >;
    /** Pod terms the pods require to be scheduled. */
    readonly requiredDuringSchedulingIgnoredDuringExecution?: pulumi.Input<pulumi.Input<PodAffinityTerm>[] | undefined>;
}

/** Pod anti-affinity (`core.v1.PodAntiAffinity`). */
export interface PodAntiAffinity {
    /** Preferred pod terms, by weight. */
    readonly preferredDuringSchedulingIgnoredDuringExecution?: pulumi.Input<
        pulumi.Input<WeightedPodAffinityTerm>[] | undefined
    >;
    /** Pod terms the pods require to be scheduled. */
    readonly requiredDuringSchedulingIgnoredDuringExecution?: pulumi.Input<pulumi.Input<PodAffinityTerm>[] | undefined>;
}

/** A weighted pod term (`core.v1.WeightedPodAffinityTerm`). */
export interface WeightedPodAffinityTerm {
    /** The pod term. */
    readonly podAffinityTerm: pulumi.Input<PodAffinityTerm>;
    /** Its weight, 1 to 100. */
    readonly weight: pulumi.Input<number>;
}

/** The pods a term is about, and the topology it counts in (`core.v1.PodAffinityTerm`). */
export interface PodAffinityTerm {
    /** The pods' labels. */
    readonly labelSelector?: pulumi.Input<LabelSelector | undefined>;
    /** Label keys whose values the incoming pod's must equal. */
    readonly matchLabelKeys?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    /** Label keys whose values the incoming pod's must differ from. */
    readonly mismatchLabelKeys?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    /** The namespaces of those pods, by label. */
    readonly namespaceSelector?: pulumi.Input<LabelSelector | undefined>;
    /** The namespaces of those pods, by name; the pod's own when neither is set. */
    readonly namespaces?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    /** The node label that defines the topology, e.g. `topology.kubernetes.io/zone`. */
    readonly topologyKey: pulumi.Input<string>;
}

/** A label query (`meta.v1.LabelSelector`). */
export interface LabelSelector {
    /** Requirements on labels (ANDed). */
    readonly matchExpressions?: pulumi.Input<pulumi.Input<LabelSelectorRequirement>[] | undefined>;
    /** Labels that must equal these values. */
    readonly matchLabels?: pulumi.Input<Record<string, pulumi.Input<string>> | undefined>;
}

/** One requirement on a label (`meta.v1.LabelSelectorRequirement`). */
export interface LabelSelectorRequirement {
    /** The label. */
    readonly key: pulumi.Input<string>;
    /** In, NotIn, Exists or DoesNotExist. */
    readonly operator: pulumi.Input<string>;
    /** The values In and NotIn compare with. */
    readonly values?: pulumi.Input<pulumi.Input<string>[] | undefined>;
}
