/**
 * @file The arguments of the ingester (DokuIngester, and the same groups in DokuObservability), in the
 * bottom layer so that the config loader maps the `doku:` keys onto them without importing a component.
 * Every default named here is the key table's (keys.ts), which the components apply.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { IngesterTarget } from "./keySpec";
import type { ResourceRequirements, Toleration, Affinity } from "./kubernetesTypes";
import type { KubernetesAwaitKind, KubernetesServiceType, PodSecurityLevel } from "./kubernetesKeys";

/** The ClickHouse the ingester stores telemetry in: an existing one (`host`), or by default one it deploys. */
export interface ClickHouseArgs {
    /** Host of an existing ClickHouse (`doku:clickhouseHost`). Default: none, a ClickHouse is deployed. */
    readonly host?: pulumi.Input<string>;
    /** Native-protocol port the ingester connects to. Default: 9000. */
    readonly port?: number;
    /** HTTP port (the UI's). Default: 8123. */
    readonly httpPort?: number;
    /** Database. Default: `default`. */
    readonly database?: string;
    /** User. Default: `default`. */
    readonly user?: string;
    /** Password (kept secret). Default: a generated random password; required with `host`. */
    readonly password?: pulumi.Input<string>;
}

/** The images deployed (docker and kubernetes targets), each pinned by tag or digest. */
export interface IngesterImagesArgs {
    /** Ingester image. Default: `ghcr.io/dokulabs/doku-ingester:0.1.3` (`DEFAULT_IMAGES.ingester`). */
    readonly ingester?: string;
    /** ClickHouse image. Default: `clickhouse/clickhouse-server:24.2.2` (`DEFAULT_IMAGES.clickhouse`). */
    readonly clickhouse?: string;
    /** Doku UI image. Default: `ghcr.io/dokulabs/doku-client:0.1.3` (`DEFAULT_IMAGES.ui`). */
    readonly ui?: string;
}

/** Settings of the docker target (ignored by the others). */
export interface DockerTargetArgs {
    /**
     * Host name or IP address at which the Docker host's published ports are reached; the ingester URL uses
     * it. Set it when your Docker provider points at a remote daemon; an IPv6 address goes in brackets.
     * Default: `localhost` (the config loader uses docker:host's host when that is ssh:// or tcp://).
     */
    readonly host?: string;
    /** Host port of the ingester. Default: 9044. */
    readonly ingesterHostPort?: number;
    /** Host port of ClickHouse's native port. Default: none (not published). */
    readonly clickhouseHostPort?: number;
    /** Host port of the UI. Default: 3000. */
    readonly uiHostPort?: number;
    /**
     * Host address the ports are published on (IPv4 or IPv6, no brackets). `0.0.0.0` or `::` opens them to
     * every network, the ingester's first-key bootstrap included. Default: `127.0.0.1` (this machine only).
     */
    readonly publishAddress?: string;
    /**
     * Keep ClickHouse's and the UI's data volumes when `pulumi destroy` deletes them (Pulumi's retainOnDelete);
     * false lets destroy delete them with the telemetry, the API keys and the connection. Default: true.
     */
    readonly retainVolumes?: boolean;
}

/** Kubernetes settings passed through to the pod specs (Kubernetes' own types, in kubernetesTypes.ts). */
export interface KubernetesPassthrough {
    /** Resources of the ingester container. Default: requests 100m / 128Mi, limits 1 CPU / 1280Mi. */
    readonly resources?: ResourceRequirements;
    /** Resources of the managed ClickHouse container. Default: requests 250m / 1Gi, limits 2 CPU / 4Gi. */
    readonly clickhouseResources?: ResourceRequirements;
    /** Resources of the UI container. Default: requests 50m / 256Mi, limits 1 CPU / 1Gi. */
    readonly uiResources?: ResourceRequirements;
    /** Node selector of the pods. Default: none. */
    readonly nodeSelector?: Record<string, string>;
    /** Tolerations of the pods. Default: none. */
    readonly tolerations?: Toleration[];
    /** Affinity of the pods. Default: none. */
    readonly affinity?: Affinity;
    /** Names of docker-registry Secrets. Default: none. */
    readonly imagePullSecrets?: string[];
}

/**
 * An Ingress for the ingester; its URL (`https://<host>` with `tlsSecret`, else `http://<host>`) is then both
 * the ingester URL and the management URL. The TLS Secret must exist, or be issued through `annotations`
 * (e.g. `cert-manager.io/cluster-issuer`).
 */
export interface IngressArgs {
    /** Host name of the Ingress. Required. */
    readonly host: string;
    /** IngressClass of the Ingress. Default: the cluster's default class. */
    readonly className?: string;
    /** TLS Secret of the Ingress (the URL becomes https). Default: none (http). */
    readonly tlsSecret?: string;
    /** Annotations of the Ingress, e.g. `{"cert-manager.io/cluster-issuer": "letsencrypt"}`. Default: none. */
    readonly annotations?: Record<string, string>;
}

/** Minutes Pulumi waits for each kind to become ready on create and update. Default: the provider's (10). */
export interface KubernetesAwaitTimeouts {
    /** Minutes for the ingester's (and the UI's) Deployment. */
    readonly Deployment?: number;
    /** Minutes for ClickHouse's StatefulSet. */
    readonly StatefulSet?: number;
    /** Minutes for the Services (a LoadBalancer's address). */
    readonly Service?: number;
    /** Minutes for the Ingress. */
    readonly Ingress?: number;
}

/** Settings of the kubernetes target (ignored by the others). */
export interface KubernetesTargetArgs extends KubernetesPassthrough {
    /** Namespace. Default: `doku`. */
    readonly namespace?: string;
    /** Create the namespace (false = it exists). Default: true. */
    readonly createNamespace?: boolean;
    /** Ingester replicas. Default: 1 (a PodDisruptionBudget is added above 1). */
    readonly replicas?: number;
    /** Service type of the ingester. Default: `ClusterIP`. */
    readonly serviceType?: KubernetesServiceType;
    /** An Ingress for the ingester. Default: none. */
    readonly ingress?: IngressArgs;
    /**
     * URL at which the machine running Pulumi (a laptop, CI) reaches the ingester's API, e.g.
     * `http://localhost:9044` through `kubectl port-forward`, or the in-cluster URL for a runner inside the
     * cluster. The program's own resources (the API key, the Datadog connection) use it when there is no
     * ingress. A kubernetes ingester needs an ingress, serviceType `LoadBalancer` or this. Default: none.
     */
    readonly managementUrl?: string;
    /**
     * Kinds whose readiness Pulumi does not wait for (annotation `pulumi.com/skipAwait: "true"`), e.g.
     * `["Ingress"]` when the ingress controller never publishes `.status.loadBalancer`. Default: none.
     */
    readonly skipAwait?: KubernetesAwaitKind[];
    /** Minutes Pulumi waits for each kind to become ready on create and update. Default: the provider's (10). */
    readonly awaitTimeoutMinutes?: KubernetesAwaitTimeouts;
    /** StorageClass of ClickHouse's volume. Default: the cluster's default. */
    readonly storageClass?: string;
    /** Size of ClickHouse's volume. Default: `20Gi`. */
    readonly storageSize?: string;
    /** Size of the UI's volume (its SQLite settings), a PersistentVolumeClaim kept on destroy. Default: `1Gi`. */
    readonly uiStorageSize?: string;
    /**
     * Pod Security level the created namespace enforces (its `pod-security.kubernetes.io/` labels; an existing
     * namespace is left as it is). Default: `restricted`, or `baseline` with the UI (its image runs as root).
     */
    readonly podSecurityLevel?: PodSecurityLevel;
}

/**
 * What the ingester is and where it runs: the fields DokuIngester takes, which DokuObservability takes too.
 * Every field is optional except `ingesterUrl` with target `external`.
 */
export interface IngesterDeploymentArgs {
    /** Where the ingester runs. Default: `docker`. */
    readonly target?: IngesterTarget;
    /** Base URL of an existing ingester; required for `external`, ignored otherwise. Default: none. */
    readonly ingesterUrl?: pulumi.Input<string>;
    /** ClickHouse to use or deploy (docker and kubernetes). Default: a deployed one with a generated password. */
    readonly clickhouse?: ClickHouseArgs;
    /** How long ClickHouse keeps telemetry, e.g. `30 DAY`. Default: `6 MONTH`. */
    readonly retentionPeriod?: string;
    /** pricing.json URL (the ingester exits at start-up if it cannot fetch it). Default: the ingester's own. */
    readonly pricingUrl?: string;
    /** Also deploy the Doku UI. Default: false. */
    readonly ui?: boolean;
    /** Images, pinned. Default: `DEFAULT_IMAGES`. */
    readonly images?: IngesterImagesArgs;
    /** Docker target settings. Default: see each field. */
    readonly docker?: DockerTargetArgs;
    /** Kubernetes target settings. Default: see each field. */
    readonly kubernetes?: KubernetesTargetArgs;
}
