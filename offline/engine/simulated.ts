/**
 * @file Resources whose providers cannot run here (Datadog, Docker, Kubernetes,
 * random, provider resources): answered as a preview answers them — inputs
 * echoed, an id invented — plus the outputs the program reads, invented, and
 * the inputs of the engine's default providers.
 */
import { createHash } from "node:crypto";
import type { StackConfig } from "../stackConfig";
import { WireObject, secret } from "./properties";

/** The first `length` hex digits of the text's SHA-256. */
function digest(text: string, length: number): string {
    return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** A stable invented id: the same URN always gets the same id, like a resource that exists. */
export function inventedId(type: string, urn: string): string {
    if (type === "datadog:index/dashboard:Dashboard") {
        const hex = digest(urn, 9);
        return `${hex.slice(0, 3)}-${hex.slice(3, 6)}-${hex.slice(6)}`;
    }
    if (type.startsWith("pulumi:providers:")) return digest(urn, 8) + "-0000-4000-8000-" + digest(`${urn}/id`, 12);
    return `${urn.split("::").pop()}-${digest(urn, 8)}`;
}

/**
 * A default provider's inputs: the package's keys with the namespace stripped, plus `version`
 * (pulumi/pulumi pkg/resource/deploy/providers default_providers.go).
 */
export function defaultProviderInputs(pkg: string, version: string, stackConfig: StackConfig): WireObject {
    const { config, secretKeys } = stackConfig;
    const inputs: WireObject = version === "" ? {} : { version };
    for (const [key, value] of Object.entries(config)) {
        if (!key.startsWith(`${pkg}:`)) continue;
        inputs[key.slice(pkg.length + 1)] = secretKeys.includes(key) ? secret(value) : value;
    }
    return inputs;
}

/** Outputs a provider computes and the program reads; none of them a real secret. */
export function inventedOutputs(type: string, urn: string, inputs: WireObject): WireObject {
    switch (type) {
        case "random:index/randomPassword:RandomPassword": {
            const length = typeof inputs.length === "number" ? inputs.length : 16;
            return { result: secret(`offline-${digest(urn, 64)}`.slice(0, Math.max(length, 16))) };
        }
        case "docker:index/remoteImage:RemoteImage":
            return {
                imageId: `sha256:${digest(String(inputs.name), 64)}`,
                repoDigest: `${inputs.name}@sha256:${digest(urn, 64)}`,
            };
        case "datadog:index/monitor:Monitor":
            return { id: inventedId(type, urn) };
        default:
            return {};
    }
}

/**
 * Inputs whose change makes the provider replace the resource rather than update it. docker Container:
 * kreuzwerker/terraform-provider-docker internal/provider/resource_docker_container.go marks
 * `image`, `env`, `ports`, `networks_advanced`, `volumes`, `labels`, `name`, `command`, `entrypoint`,
 * `hostname`, `user`, `working_dir`, `mounts`, `dns`, `capabilities`, `privileged`, `log_driver`,
 * `log_opts`, `network_mode` and `devices` ForceNew (its Pulumi names below); `restart`, `memory`,
 * `healthcheck` and the like update in place.
 */
const REPLACED_ON_CHANGE: Record<string, readonly string[]> = {
    "docker:index/container:Container": [
        "image",
        "envs",
        "ports",
        "networksAdvanced",
        "volumes",
        "labels",
        "name",
        "command",
        "entrypoints",
        "hostname",
        "user",
        "workingDir",
        "mounts",
        "dns",
        "capabilities",
        "privileged",
        "logDriver",
        "logOpts",
        "networkMode",
        "devices",
    ],
};

/** Whether a change of these inputs replaces a resource of this type. */
export function replacedBy(type: string, changedInputs: readonly string[]): boolean {
    const forceNew = REPLACED_ON_CHANGE[type] ?? [];
    return changedInputs.some((key) => forceNew.includes(key));
}
