import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { UserInputError } from "../config/userError";
import { withDefaults } from "../config/defaults";
import { DatabaseSpec } from "../ingester/containerSpec";
import { DEFAULT_IMAGES, PORTS } from "../ingester/images";
import type { KubernetesPassthrough } from "../ingester/kubernetes";
import { KubernetesAwaitKind, ingesterProblems } from "./ingesterValidation";
import { throwIfInvalid } from "./validation";

/**
 * Where `DokuIngester` runs the ingester: `docker` (needs @pulumi/docker installed), `kubernetes` (needs
 * @pulumi/kubernetes installed), or `external` (an ingester that already runs; nothing is deployed).
 */
export type IngesterTarget = "docker" | "kubernetes" | "external";

/** The ClickHouse `DokuIngester` stores telemetry in: an existing one (`host`), or by default one it deploys. */
export interface ClickHouseArgs {
    /** Host of an existing ClickHouse. Default: none, the component deploys one. */
    readonly host?: string;
    /** Native-protocol port. Default: 9000. */
    readonly port?: number;
    /** HTTP port (the UI's). Default: 8123. */
    readonly httpPort?: number;
    /** Database. Default: `default`. */
    readonly database?: string;
    /** User. Default: `default`. */
    readonly user?: string;
    /** Password (kept secret). Default: generated with @pulumi/random; required with `host`. */
    readonly password?: pulumi.Input<string>;
}

/**
 * Arguments of `DokuIngester`. Every field is optional except `ingesterUrl` with target `external`;
 * the defaults are documented per field. `docker` and `kubernetes` apply only to their target.
 */
export interface DokuIngesterArgs {
    /** Where the ingester runs. Default: `docker`. */
    readonly target?: IngesterTarget;
    /** Base URL of an existing ingester; required for `external`, ignored otherwise. Default: none. */
    readonly ingesterUrl?: pulumi.Input<string>;
    /** ClickHouse to use or deploy. Default: a managed one with generated password. */
    readonly clickhouse?: ClickHouseArgs;
    /** ClickHouse TTL of the telemetry. Default: `6 MONTH`. */
    readonly retentionPeriod?: string;
    /** pricing.json URL (the ingester exits at start-up if it cannot fetch it). Default: the ingester's own. */
    readonly pricingUrl?: string;
    /** Also deploy the Doku UI. Default: false. */
    readonly ui?: boolean;
    /** Images, pinned. Default: the versions in `DEFAULT_IMAGES`. */
    readonly images?: { readonly ingester?: string; readonly clickhouse?: string; readonly ui?: string };
    /** Docker target settings. */
    readonly docker?: {
        /**
         * Host name or IP address at which the Docker host's published ports are
         * reached; the ingester URL uses it. Set it when your Docker provider
         * points at a remote daemon; an IPv6 address goes in brackets.
         * Default: `localhost`.
         */
        readonly host?: string;
        /** Host port of the ingester. Default: 9044. */
        readonly ingesterHostPort?: number;
        /** Host port of ClickHouse's native port. Default: none (not published). */
        readonly clickhouseHostPort?: number;
        /** Host port of the UI. Default: 3000. */
        readonly uiHostPort?: number;
    };
    /** Kubernetes target settings. */
    readonly kubernetes?: KubernetesPassthrough & {
        /** Namespace. Default: `doku`. */
        readonly namespace?: string;
        /** Create the namespace (false = it exists). Default: true. */
        readonly createNamespace?: boolean;
        /** Ingester replicas. Default: 1 (a PodDisruptionBudget is added above 1). */
        readonly replicas?: number;
        /** Service type of the ingester. Default: `ClusterIP`. */
        readonly serviceType?: "ClusterIP" | "LoadBalancer";
        /**
         * An Ingress for the ingester; its URL (`https://<host>` with `tlsSecret`, else `http://<host>`) is then
         * both `url` and `managementUrl`. The TLS Secret must exist, or be issued through `annotations`
         * (e.g. `cert-manager.io/cluster-issuer`). Default: none.
         */
        readonly ingress?: {
            readonly host: string;
            readonly className?: string;
            readonly tlsSecret?: string;
            /** Annotations of the Ingress, e.g. `{"cert-manager.io/cluster-issuer": "letsencrypt"}`. Default: none. */
            readonly annotations?: Readonly<Record<string, string>>;
        };
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
        readonly skipAwait?: readonly KubernetesAwaitKind[];
        /** Minutes Pulumi waits for each kind to become ready on create and update. Default: the provider's (10). */
        readonly awaitTimeoutMinutes?: Readonly<Partial<Record<KubernetesAwaitKind, number>>>;
        /** StorageClass of ClickHouse's volume. Default: the cluster's default. */
        readonly storageClass?: string;
        /** Size of ClickHouse's volume. Default: `20Gi`. */
        readonly storageSize?: string;
    };
}

/** Everything a target builder needs, defaults applied. */
export interface IngesterPlan {
    readonly name: string;
    readonly managedClickhouse: boolean;
    readonly db: DatabaseSpec;
    readonly password: pulumi.Output<string>;
    readonly retentionPeriod: string;
    readonly pricingUrl?: string;
    readonly ui: boolean;
    readonly images: { readonly ingester: string; readonly clickhouse: string; readonly ui: string };
    readonly docker: { readonly host: string; readonly ingesterHostPort: number; readonly clickhouseHostPort?: number; readonly uiHostPort: number };
    readonly kubernetes: Required<Pick<NonNullable<DokuIngesterArgs["kubernetes"]>, "namespace" | "createNamespace" | "replicas" | "serviceType" | "storageSize">>
        & NonNullable<DokuIngesterArgs["kubernetes"]>;
}

const TYPE = "doku:ingester:DokuIngester";

/**
 * The Doku ingester with its ClickHouse (and optionally the UI), on Docker or
 * Kubernetes, or an existing ingester adopted by URL.
 */
export class DokuIngester extends pulumi.ComponentResource {
    /**
     * Base URL of the ingester for the Doku SDKs: `http://<docker.host>:<docker.ingesterHostPort>` (Docker); the
     * Ingress URL, else the LoadBalancer address, else the in-cluster Service URL (Kubernetes); as given (external).
     */
    readonly url: pulumi.Output<string>;
    /**
     * Base URL at which the machine running Pulumi reaches the ingester's API (for `DokuApiKey` and
     * `DatadogConnection`): `url` for Docker and external; for Kubernetes the Ingress URL, else
     * `kubernetes.managementUrl`, else the LoadBalancer address.
     */
    readonly managementUrl: pulumi.Output<string>;
    /** The ClickHouse password (secret); undefined for target external. */
    readonly clickhousePassword?: pulumi.Output<string>;

    constructor(name: string, args: DokuIngesterArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        throwIfInvalid(TYPE, name, ingesterProblems(args));

        const target = args.target ?? "docker";
        if (target === "external") {
            this.url = pulumi.output(args.ingesterUrl!).apply((u) => u.replace(/\/+$/, ""));
            this.managementUrl = this.url;
            this.registerOutputs({ url: this.url, managementUrl: this.managementUrl });
            return;
        }

        const ch = args.clickhouse ?? {};
        const password = pulumi.secret(ch.password
            ?? new random.RandomPassword(`${name}-clickhouse-password`, { length: 32, special: false }, { parent: this }).result);
        const k = args.kubernetes ?? {};
        const plan: IngesterPlan = {
            name,
            managedClickhouse: ch.host === undefined,
            db: {
                host: ch.host ?? `${name}-clickhouse`,
                port: ch.port ?? PORTS.clickhouseNative,
                httpPort: ch.httpPort ?? PORTS.clickhouseHttp,
                database: ch.database ?? "default",
                user: ch.user ?? "default",
            },
            password,
            retentionPeriod: args.retentionPeriod ?? "6 MONTH",
            pricingUrl: args.pricingUrl,
            ui: args.ui ?? false,
            images: withDefaults(DEFAULT_IMAGES, args.images ?? {}),
            docker: {
                host: args.docker?.host ?? "localhost",
                ingesterHostPort: args.docker?.ingesterHostPort ?? PORTS.ingester,
                clickhouseHostPort: args.docker?.clickhouseHostPort,
                uiHostPort: args.docker?.uiHostPort ?? PORTS.ui,
            },
            kubernetes: {
                ...k,
                namespace: k.namespace ?? "doku",
                createNamespace: k.createNamespace ?? true,
                replicas: k.replicas ?? 1,
                serviceType: k.serviceType ?? "ClusterIP",
                storageSize: k.storageSize ?? "20Gi",
            },
        };

        // Each target's SDK is loaded only when that target is used.
        type Url = pulumi.Output<string>;
        type Deployed = { url: Url; managementUrl?: Url; ready: pulumi.Resource[] };
        const deployed: Deployed = target === "docker"
            ? targetModule<typeof import("../ingester/docker")>("docker").deployDocker(this, plan)
            : targetModule<typeof import("../ingester/kubernetes")>("kubernetes").deployKubernetes(this, plan);

        // The URLs carry a dependency on what serves them, so whatever talks to the
        // ingester through them (the API key, the connection) is created after it.
        const afterReady = (url: pulumi.Output<string>) =>
            pulumi.all([url, ...deployed.ready.map((r) => r.urn)]).apply(([u]) => u);
        this.url = afterReady(deployed.url);
        this.managementUrl = deployed.managementUrl === undefined ? this.url : afterReady(deployed.managementUrl);
        this.clickhousePassword = plan.password;
        this.registerOutputs({ url: this.url, managementUrl: this.managementUrl });
    }
}

/**
 * The target's module, loaded on first use. `@pulumi/docker` and `@pulumi/kubernetes` are optional peer
 * dependencies: a missing one is named, with the command that installs it, instead of Node's require stack.
 */
function targetModule<M>(target: "docker" | "kubernetes"): M {
    try {
        return require(`../ingester/${target}`) as M;
    } catch (e) {
        const missing = (e as { code?: string }).code === "MODULE_NOT_FOUND" && String(e).includes(`@pulumi/${target}`);
        if (!missing) throw e;
        throw new UserInputError(`target ${target} needs @pulumi/${target}: npm install @pulumi/${target}`);
    }
}
