import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { withDefaults } from "../config/defaults";
import { CONFIG_KEYS } from "../config/keys";
import { Schema, fieldProblem } from "../config/problems";
import { DatabaseSpec } from "../ingester/containerSpec";
import { DEFAULT_IMAGES, PORTS } from "../ingester/images";
import type { KubernetesPassthrough } from "../ingester/kubernetes";
import { plainValue, throwIfInvalid } from "./validation";

export type IngesterTarget = "docker" | "kubernetes" | "external";

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
        /** An Ingress for the ingester. Default: none. */
        readonly ingress?: { readonly host: string; readonly className?: string; readonly tlsSecret?: string };
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

function validate(args: DokuIngesterArgs): string[] {
    const problems: string[] = [];
    const check = (path: string, value: unknown, schema: Schema) => {
        const problem = value === undefined ? undefined : fieldProblem(`args.${path}`, value, schema);
        if (problem !== undefined) problems.push(problem);
    };
    const target = args.target ?? "docker";
    check("target", args.target, CONFIG_KEYS.target.schema);
    const url = plainValue(args.ingesterUrl);
    if (target === "external") {
        if (args.ingesterUrl === undefined) problems.push(`args.ingesterUrl: missing; required when target is external (the ingester's base URL)`);
        check("ingesterUrl", url, CONFIG_KEYS.ingesterUrl.schema);
    }
    const ch = args.clickhouse ?? {};
    check("clickhouse.host", ch.host, CONFIG_KEYS.clickhouseHost.schema);
    check("clickhouse.port", ch.port, CONFIG_KEYS.clickhousePort.schema);
    check("clickhouse.httpPort", ch.httpPort, CONFIG_KEYS.clickhouseHttpPort.schema);
    check("clickhouse.database", ch.database, CONFIG_KEYS.clickhouseDatabase.schema);
    check("clickhouse.user", ch.user, CONFIG_KEYS.clickhouseUser.schema);
    if (target !== "external" && ch.host !== undefined && ch.password === undefined) {
        problems.push(`args.clickhouse.password: missing; required with clickhouse.host (the existing ClickHouse's password)`);
    }
    check("retentionPeriod", args.retentionPeriod, CONFIG_KEYS.retentionPeriod.schema);
    check("pricingUrl", args.pricingUrl, CONFIG_KEYS.pricingUrl.schema);
    check("images.ingester", args.images?.ingester, CONFIG_KEYS.ingesterImage.schema);
    check("images.clickhouse", args.images?.clickhouse, CONFIG_KEYS.clickhouseImage.schema);
    check("images.ui", args.images?.ui, CONFIG_KEYS.uiImage.schema);
    check("docker.host", args.docker?.host, CONFIG_KEYS.dockerHost.schema);
    check("docker.ingesterHostPort", args.docker?.ingesterHostPort, CONFIG_KEYS.ingesterHostPort.schema);
    check("docker.clickhouseHostPort", args.docker?.clickhouseHostPort, CONFIG_KEYS.clickhouseHostPort.schema);
    check("docker.uiHostPort", args.docker?.uiHostPort, CONFIG_KEYS.uiHostPort.schema);
    const k = args.kubernetes ?? {};
    check("kubernetes.namespace", k.namespace, CONFIG_KEYS.namespace.schema);
    check("kubernetes.replicas", k.replicas, CONFIG_KEYS.replicas.schema);
    check("kubernetes.serviceType", k.serviceType, CONFIG_KEYS.serviceType.schema);
    check("kubernetes.ingress.host", k.ingress?.host, CONFIG_KEYS.ingressHost.schema);
    check("kubernetes.ingress.className", k.ingress?.className, CONFIG_KEYS.ingressClassName.schema);
    check("kubernetes.ingress.tlsSecret", k.ingress?.tlsSecret, CONFIG_KEYS.ingressTlsSecret.schema);
    check("kubernetes.storageClass", k.storageClass, CONFIG_KEYS.storageClass.schema);
    check("kubernetes.storageSize", k.storageSize, CONFIG_KEYS.storageSize.schema);
    return problems;
}

/**
 * The Doku ingester with its ClickHouse (and optionally the UI), on Docker or
 * Kubernetes, or an existing ingester adopted by URL.
 */
export class DokuIngester extends pulumi.ComponentResource {
    /** Base URL of the ingester: `http://<docker.host>:<docker.ingesterHostPort>` (Docker), in-cluster or the Ingress (Kubernetes), or as given (external). */
    readonly url: pulumi.Output<string>;
    /** The ClickHouse password (secret); undefined for target external. */
    readonly clickhousePassword?: pulumi.Output<string>;

    constructor(name: string, args: DokuIngesterArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        throwIfInvalid(TYPE, name, validate(args));

        const target = args.target ?? "docker";
        if (target === "external") {
            this.url = pulumi.output(args.ingesterUrl!).apply((u) => u.replace(/\/+$/, ""));
            this.registerOutputs({ url: this.url });
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
        const deployed = target === "docker"
            ? (require("../ingester/docker") as typeof import("../ingester/docker")).deployDocker(this, plan)
            : (require("../ingester/kubernetes") as typeof import("../ingester/kubernetes")).deployKubernetes(this, plan);

        // The URL carries a dependency on what serves it, so whatever talks to the
        // ingester through it (the API key, the connection) is created after it.
        this.url = pulumi.all([deployed.url, ...deployed.ready.map((r) => r.urn)]).apply(([url]) => url);
        this.clickhousePassword = plan.password;
        this.registerOutputs({ url: this.url });
    }
}
