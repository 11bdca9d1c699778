/**
 * @file Checks of the Kubernetes objects an ingester registers, beyond ./ingester.ts's validateManifests: the
 * kinds it does not know (the UI's PersistentVolumeClaim), the Pod Security Standards (baseline and
 * restricted, as kubernetes.io/docs/concepts/security/pod-security-standards/ states them for the fields our pods
 * set), and the `retainOnDelete` option of each resource.
 */
import * as pulumi from "@pulumi/pulumi";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { RecordingMocks } from "../../offline/recording";
import { validateManifests } from "./ingester";

/** Type tokens of the kinds ./ingester.ts's TYPE does not list. */
export const KIND = { claim: "kubernetes:core/v1:PersistentVolumeClaim" };

/** Every Kubernetes object validated with kubernetes-models: the claims here, the other kinds by validateManifests. */
export function validateAll(mocks: RecordingMocks): string[] {
    const claims = mocks.resources.filter((resource) => resource.type === KIND.claim);
    for (const claim of claims) new PersistentVolumeClaim(claim.inputs).validate();
    const others = { resources: mocks.resources.filter((resource) => resource.type !== KIND.claim) };
    return [
        ...claims.map((claim) => `PersistentVolumeClaim ${claim.inputs.metadata.name}`),
        ...validateManifests(others as RecordingMocks),
    ];
}

/** The capabilities baseline lets a container add (the "Capabilities" control). */
const BASELINE_CAPABILITIES = new Set([
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
]);
/** The volume types restricted allows (the "Volume Types" control). */
const RESTRICTED_VOLUMES = new Set([
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
]);

/** The controls of a Pod Security level that a pod spec breaks, as `<container or pod>: <control>`. */
export function podSecurityViolations(spec: any, level: "baseline" | "restricted"): string[] {
    const pod = spec.securityContext ?? {};
    const containers: any[] = [...(spec.initContainers ?? []), ...spec.containers];
    const found: string[] = [];
    const check = (broken: boolean, where: string, control: string) => {
        if (broken) found.push(`${where}: ${control}`);
    };
    // Baseline.
    check(Boolean(spec.hostNetwork || spec.hostPID || spec.hostIPC), "pod", "host namespaces");
    check(pod.seccompProfile?.type === "Unconfined", "pod", "seccomp Unconfined");
    for (const volume of spec.volumes ?? []) check("hostPath" in volume, "pod", `hostPath volume ${volume.name}`);
    for (const container of containers) {
        const context = container.securityContext ?? {};
        check(context.privileged === true, container.name, "privileged");
        const added: string[] = context.capabilities?.add ?? [];
        check(!added.every((capability) => BASELINE_CAPABILITIES.has(capability)), container.name, "capabilities");
        check(
            (container.ports ?? []).some((port: any) => port.hostPort),
            container.name,
            "host ports",
        );
        check(context.seccompProfile?.type === "Unconfined", container.name, "seccomp Unconfined");
        check(context.procMount !== undefined && context.procMount !== "Default", container.name, "/proc mount");
    }
    if (level === "baseline") return found;
    // Restricted.
    for (const volume of spec.volumes ?? []) {
        const type = Object.keys(volume).find((key) => key !== "name");
        check(!RESTRICTED_VOLUMES.has(type!), "pod", `volume type ${type}`);
    }
    check(pod.runAsUser === 0, "pod", "runAsUser 0");
    const seccompOk = (profile: any) => profile?.type === "RuntimeDefault" || profile?.type === "Localhost";
    for (const container of containers) {
        const context = container.securityContext ?? {};
        check(context.allowPrivilegeEscalation !== false, container.name, "allowPrivilegeEscalation not false");
        const nonRoot = context.runAsNonRoot ?? pod.runAsNonRoot;
        check(nonRoot !== true, container.name, "runAsNonRoot not true");
        check(context.runAsUser === 0, container.name, "runAsUser 0");
        check(!seccompOk(context.seccompProfile ?? pod.seccompProfile), container.name, "seccomp not RuntimeDefault");
        const capabilities = context.capabilities ?? {};
        check(!(capabilities.drop ?? []).includes("ALL"), container.name, "capabilities not dropping ALL");
        const added: string[] = capabilities.add ?? [];
        check(
            added.some((capability) => capability !== "NET_BIND_SERVICE"),
            container.name,
            "capabilities added",
        );
    }
    return found;
}

/**
 * Records, from now on, which resources ask Pulumi to keep them on delete (`retainOnDelete`), by
 * `<type> <name>`; call it after the mocks are installed (mockCluster) and before the resources are created.
 */
export function recordRetainOnDelete(): Set<string> {
    const retained = new Set<string>();
    const monitor: any = pulumi.runtime.getMonitor();
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request: any, callback: any) => {
        if (request.getRetainondelete()) retained.add(`${request.getType()} ${request.getName()}`);
        return registerResource(request, callback);
    };
    return retained;
}
