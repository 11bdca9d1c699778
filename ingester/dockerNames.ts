/**
 * @file The names of the Docker target's containers, volumes and network on the Docker host. A Docker daemon
 * has one namespace for each kind, shared by every project and stack that uses it, so each name carries the
 * project and the stack (and the component's name when it is not the project's), e.g. `doku-dev-clickhouse`.
 */
import { createHash } from "node:crypto";

/**
 * Longest name given out: Docker's embedded DNS resolves a container's name on its networks, and a DNS
 * label is at most 63 characters (RFC 1035 2.3.4).
 */
export const DOCKER_NAME_MAX = 63;

/** A part of a name within Docker's rule `[a-zA-Z0-9][a-zA-Z0-9_.-]+` (moby daemon/names): others become `-`. */
function namePart(part: string): string {
    return part.replace(/[^a-zA-Z0-9_.-]+/g, "-");
}

/**
 * The prefix of every Docker name of one DokuIngester: `<project>-<stack>`, then `-<component name>` without
 * a trailing `-ingester` (DokuObservability names its ingester `<name>-ingester`), unless that is the
 * project's name: the program's own `doku-ingester` in project `doku` gives `doku-dev`, a `DokuIngester`
 * named `llm` gives `<project>-dev-llm`.
 */
export function dockerNamePrefix(project: string, stack: string, component: string): string {
    const own = component.replace(/-ingester$/, "");
    const parts = own === project ? [project, stack] : [project, stack, own];
    const prefix = parts.map(namePart).join("-");
    return /^[a-zA-Z0-9]/.test(prefix) ? prefix : `doku${prefix.startsWith("-") ? "" : "-"}${prefix}`;
}

/**
 * `<prefix>-<role>` (e.g. `doku-dev-clickhouse`), at most DOCKER_NAME_MAX characters: a longer prefix is cut
 * and followed by 8 hex digits of its hash, so two long prefixes that share their start still differ.
 */
export function dockerName(prefix: string, role: string): string {
    const full = `${prefix}-${role}`;
    if (full.length <= DOCKER_NAME_MAX) return full;
    const hash = createHash("sha256").update(prefix).digest("hex").slice(0, 8);
    const kept = prefix.slice(0, DOCKER_NAME_MAX - role.length - hash.length - 2).replace(/[-_.]+$/, "");
    return `${kept}-${hash}-${role}`;
}
