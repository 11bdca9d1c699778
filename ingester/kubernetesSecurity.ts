/**
 * @file The security contexts of the Kubernetes pods, as far as each image allows the Pod Security Standards'
 * `restricted` level (kubernetes.io/docs/concepts/security/pod-security-standards/), and the level the
 * created namespace enforces by default. Used by ./kubernetes.ts, ./kubernetesClickhouse.ts and
 * ./kubernetesScope.ts.
 *
 * What the images allow (doku-ingester.md's images, read from their Dockerfiles):
 * - the ingester (dokulabs/doku 0.1.3 src/ingester/Dockerfile): a static Go binary in alpine:3.19 with no USER,
 *   which writes no file (it reads its environment and fetches pricing.json over HTTP): it runs as alpine's
 *   `nobody` (65534) with a read-only root file system;
 * - ClickHouse (clickhouse/clickhouse-server, docker/server/Dockerfile.ubuntu): the image creates the user
 *   `clickhouse` with the fixed uid/gid 101 "for rootless containers", makes /etc/clickhouse-server writable
 *   for any uid, and its entrypoint skips the chown when not root; the volume's group is 101 (fsGroup);
 * - the UI (dokulabs/doku 0.1.3 src/client/Dockerfile, entrypoint.sh): its entrypoint appends to
 *   /etc/environment and runs `npm install -g prisma` at every start, both root's, so it runs as the image's
 *   root: `baseline`, not `restricted`.
 */
import type * as K8sInput from "@pulumi/kubernetes/types/input";
import { PodSecurityLevel } from "../config/kubernetesKeys";
import type { IngesterPlan } from "./plan";

/** The uid and gid the ingester runs as: alpine's `nobody`. */
export const INGESTER_UID = 65534;
/** The uid and gid of the `clickhouse` user the ClickHouse image creates. */
export const CLICKHOUSE_UID = 101;

/** What every container gets: no privilege escalation, no capabilities. */
const CONTAINER_BASE = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
/** The runtime's default seccomp profile, on every pod. */
const SECCOMP = { seccompProfile: { type: "RuntimeDefault" } };

/** A pod's and its container's security contexts. */
export interface SecuritySettings {
    /** The pod's `securityContext`. */
    readonly pod: K8sInput.core.v1.PodSecurityContext;
    /** The container's `securityContext`. */
    readonly container: K8sInput.core.v1.SecurityContext;
}

/** The security contexts of each workload (see the file comment for why each image gets what it gets). */
export const SECURITY: Record<"ingester" | "clickhouse" | "ui", SecuritySettings> = {
    ingester: {
        pod: { ...SECCOMP, runAsNonRoot: true, runAsUser: INGESTER_UID, runAsGroup: INGESTER_UID },
        container: { ...CONTAINER_BASE, readOnlyRootFilesystem: true },
    },
    clickhouse: {
        pod: {
            ...SECCOMP,
            runAsNonRoot: true,
            runAsUser: CLICKHOUSE_UID,
            runAsGroup: CLICKHOUSE_UID,
            fsGroup: CLICKHOUSE_UID,
            // The volume's ownership is changed once, not on every start (a large volume takes long).
            fsGroupChangePolicy: "OnRootMismatch",
        },
        container: CONTAINER_BASE,
    },
    ui: { pod: SECCOMP, container: CONTAINER_BASE },
};

/** The level the created namespace enforces: the plan's, else the strictest its pods meet. */
export function podSecurityLevel(plan: IngesterPlan): PodSecurityLevel {
    return plan.kubernetes.podSecurityLevel ?? (plan.ui ? PodSecurityLevel.Baseline : PodSecurityLevel.Restricted);
}

/** The namespace labels that enforce, warn about and audit a Pod Security level. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
    return {
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/warn": level,
        "pod-security.kubernetes.io/audit": level,
    };
}
