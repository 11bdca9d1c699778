/**
 * @file DokuIngester: the Doku ingester with its ClickHouse (and optionally the UI), on Docker or Kubernetes,
 * or an existing ingester adopted by URL. Its arguments are defined in config/ingesterArgs.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { UserInputError } from "../config/userError";
import { CONFIG_DEFAULTS, withDefaults } from "../config/defaults";
import { LOCAL_DOCKER_HOST } from "../config/keys";
import type { IngesterDeploymentArgs } from "../config/ingesterArgs";
import { DEFAULT_IMAGES } from "../ingester/images";
import type { IngesterPlan } from "../ingester/plan";
import { ingesterProblems } from "./ingesterValidation";
import { throwIfInvalid } from "./validation";

/**
 * Arguments of `DokuIngester`. Every field is optional except `ingesterUrl` with target `external`;
 * the defaults are documented per field. `docker` and `kubernetes` apply only to their target.
 * An alias: the component-package analyzer (@pulumi/pulumi provider/experimental/analyzer.js,
 * analyzeComponent) needs the `args` type to resolve to an interface, which IngesterDeploymentArgs is.
 */
export type DokuIngesterArgs = IngesterDeploymentArgs;

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

        const target = args.target ?? CONFIG_DEFAULTS.target;
        if (target === "external") {
            this.url = pulumi.output(args.ingesterUrl!).apply((url) => url.replace(/\/+$/, ""));
            this.managementUrl = this.url;
            this.registerOutputs({ url: this.url, managementUrl: this.managementUrl });
            return;
        }

        const clickhouse = args.clickhouse ?? {};
        const password = pulumi.secret(
            clickhouse.password ??
                new random.RandomPassword(
                    `${name}-clickhouse-password`,
                    { length: 32, special: false },
                    { parent: this },
                ).result,
        );
        const kubernetes = args.kubernetes ?? {};
        const plan: IngesterPlan = {
            name,
            managedClickhouse: clickhouse.host === undefined,
            db: {
                host: clickhouse.host ?? `${name}-clickhouse`,
                port: clickhouse.port ?? CONFIG_DEFAULTS.clickhousePort,
                httpPort: clickhouse.httpPort ?? CONFIG_DEFAULTS.clickhouseHttpPort,
                database: clickhouse.database ?? CONFIG_DEFAULTS.clickhouseDatabase,
                user: clickhouse.user ?? CONFIG_DEFAULTS.clickhouseUser,
            },
            password,
            retentionPeriod: args.retentionPeriod ?? CONFIG_DEFAULTS.retentionPeriod,
            pricingUrl: args.pricingUrl,
            ui: args.ui ?? CONFIG_DEFAULTS.ui,
            images: withDefaults(DEFAULT_IMAGES, args.images ?? {}),
            docker: {
                host: args.docker?.host ?? LOCAL_DOCKER_HOST,
                ingesterHostPort: args.docker?.ingesterHostPort ?? CONFIG_DEFAULTS.ingesterHostPort,
                clickhouseHostPort: args.docker?.clickhouseHostPort,
                uiHostPort: args.docker?.uiHostPort ?? CONFIG_DEFAULTS.uiHostPort,
                publishAddress: args.docker?.publishAddress ?? CONFIG_DEFAULTS.dockerPublishAddress,
                retainVolumes: args.docker?.retainVolumes ?? CONFIG_DEFAULTS.dockerRetainVolumes,
            },
            kubernetes: {
                ...kubernetes,
                namespace: kubernetes.namespace ?? CONFIG_DEFAULTS.namespace,
                createNamespace: kubernetes.createNamespace ?? CONFIG_DEFAULTS.createNamespace,
                replicas: kubernetes.replicas ?? CONFIG_DEFAULTS.replicas,
                serviceType: kubernetes.serviceType ?? CONFIG_DEFAULTS.serviceType,
                storageSize: kubernetes.storageSize ?? CONFIG_DEFAULTS.storageSize,
            },
        };

        // Each target's SDK is loaded only when that target is used.
        type Url = pulumi.Output<string>;
        type Deployed = { url: Url; managementUrl?: Url; ready: pulumi.Resource[] };
        const deployed: Deployed =
            target === "docker"
                ? targetModule<typeof import("../ingester/docker")>("docker").deployDocker(this, plan)
                : targetModule<typeof import("../ingester/kubernetes")>("kubernetes").deployKubernetes(this, plan);

        // The URLs carry a dependency on what serves them, so whatever talks to the
        // ingester through them (the API key, the connection) is created after it.
        const afterReady = (url: pulumi.Output<string>) =>
            pulumi.all([url, ...deployed.ready.map((resource) => resource.urn)]).apply(([readyUrl]) => readyUrl);
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
        // The optional SDK (package.json peerDependenciesMeta) loads only when its target is used.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy require of an optional SDK
        return require(`../ingester/${target}`) as M;
    } catch (error) {
        const missing =
            (error as { code?: string }).code === "MODULE_NOT_FOUND" && String(error).includes(`@pulumi/${target}`);
        if (!missing) throw error;
        throw new UserInputError(`target ${target} needs @pulumi/${target}: npm install @pulumi/${target}`);
    }
}
