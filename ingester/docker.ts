/**
 * @file The docker target: DokuIngester's network, images, volumes and containers on one Docker host.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { IngesterPlan } from "./plan";
import {
    CLICKHOUSE_PASSWORD_VAR,
    CLICKHOUSE_PING,
    EnvVar,
    INGESTER_HEALTH,
    INGESTER_PASSWORD_VAR,
    UI_PASSWORD_VAR,
    ingesterEnv,
    uiEnv,
} from "./containerSpec";
import { DATA_PATHS, PORTS } from "./images";
import { dockerName, dockerNamePrefix } from "./dockerNames";

/** `NAME=value` list for a container; the password entry makes the list a secret. */
function envList(vars: EnvVar[], passwordVar: string, password: pulumi.Output<string>): pulumi.Output<string[]> {
    const values = pulumi.all([password, ...vars.map((variable) => variable.value)]);
    return pulumi.secret(
        values.apply(([secret, ...plain]) => [
            ...vars.map((variable, index) => `${variable.name}=${plain[index]}`),
            `${passwordVar}=${secret}`,
        ]),
    );
}

const healthcheck = (command: string) => ({
    tests: ["CMD-SHELL", command],
    interval: "10s",
    timeout: "5s",
    retries: 6,
    startPeriod: "20s",
});

/**
 * A data volume: it survives a replacement and, unless `retainVolumes` is false, a destroy (retainOnDelete).
 * Its name is kept as created (ignoreChanges): renaming a Docker volume replaces it, i.e. starts on an empty
 * one, so a stack created before the names carried the stack keeps its `<name>-clickhouse-data`. A retained
 * volume is found again by the stack's next `up`: Docker's volume create returns the existing volume of that
 * name (moby/moby#16068, open).
 */
function dataVolume(parent: pulumi.Resource, plan: IngesterPlan, prefix: string, role: string): docker.Volume {
    const opts = { parent, retainOnDelete: plan.docker.retainVolumes, ignoreChanges: ["name"] };
    return new docker.Volume(`${plan.name}-${role}`, { name: dockerName(prefix, role) }, opts);
}

/**
 * Docker target: a network, pinned images, ClickHouse with a volume and a
 * health check, the ingester started once ClickHouse is healthy, and the UI
 * when asked. Children are parented to the component. Docker names carry the
 * project and the stack (dockerNames.ts); host ports are published on
 * `plan.docker.publishAddress` (127.0.0.1 unless the user opens them).
 */
export function deployDocker(
    parent: pulumi.ComponentResource,
    plan: IngesterPlan,
): { url: pulumi.Output<string>; ready: pulumi.Resource[] } {
    const { name } = plan;
    const prefix = dockerNamePrefix(pulumi.getProject(), pulumi.getStack(), name);
    const opts = { parent };
    // A container's name and host ports are its own: its replacement can only start once it is gone.
    const containerOpts = (dependsOn: pulumi.Resource[] = []) => ({ parent, dependsOn, deleteBeforeReplace: true });
    const network = new docker.Network(
        `${name}-network`,
        { name: dockerName(prefix, "network"), driver: "bridge" },
        opts,
    );
    const pull = (role: string, image: string) =>
        new docker.RemoteImage(`${name}-${role}-image`, { name: image, keepLocally: true }, opts);
    const attach = (alias: string) => [{ name: network.name, aliases: [alias] }];
    const publish = (internal: number, external: number) => [{ internal, external, ip: plan.docker.publishAddress }];

    const dependencies: pulumi.Resource[] = [];
    if (plan.managedClickhouse) {
        const image = pull("clickhouse", plan.images.clickhouse);
        const data = dataVolume(parent, plan, prefix, "clickhouse-data");
        const clickhouse = new docker.Container(
            `${name}-clickhouse`,
            {
                name: dockerName(prefix, "clickhouse"),
                image: image.imageId,
                envs: envList(
                    [{ name: "CLICKHOUSE_USER", value: plan.db.user }],
                    CLICKHOUSE_PASSWORD_VAR,
                    plan.password,
                ),
                // A deployed ClickHouse is reached by this alias on the network (the plan's db.host, a plain string).
                networksAdvanced: attach(`${name}-clickhouse`),
                volumes: [{ volumeName: data.name, containerPath: DATA_PATHS.clickhouse }],
                ports:
                    plan.docker.clickhouseHostPort === undefined
                        ? []
                        : publish(PORTS.clickhouseNative, plan.docker.clickhouseHostPort),
                healthcheck: healthcheck(
                    `wget --spider -q http://localhost:${CLICKHOUSE_PING.port}${CLICKHOUSE_PING.path} || exit 1`,
                ),
                restart: "always",
                // `pulumi up` waits for the health check before creating what depends on ClickHouse.
                wait: true,
                waitTimeout: 180,
            },
            containerOpts(),
        );
        dependencies.push(clickhouse);
    }

    const ingesterImage = pull("server", plan.images.ingester);
    const ingester = new docker.Container(
        `${name}-server`,
        {
            name: dockerName(prefix, "server"),
            image: ingesterImage.imageId,
            envs: envList(ingesterEnv(plan.db, plan), INGESTER_PASSWORD_VAR, plan.password),
            networksAdvanced: attach("doku-ingester"),
            ports: publish(PORTS.ingester, plan.docker.ingesterHostPort),
            healthcheck: healthcheck(
                `wget -q -O /dev/null http://localhost:${INGESTER_HEALTH.port}${INGESTER_HEALTH.path} || exit 1`,
            ),
            restart: "always",
        },
        containerOpts(dependencies),
    );

    if (plan.ui) {
        const uiImage = pull("ui", plan.images.ui);
        const uiData = dataVolume(parent, plan, prefix, "ui-data");
        new docker.Container(
            `${name}-ui`,
            {
                name: dockerName(prefix, "ui"),
                image: uiImage.imageId,
                envs: envList(uiEnv(plan.db), UI_PASSWORD_VAR, plan.password),
                networksAdvanced: attach("doku-ui"),
                volumes: [{ volumeName: uiData.name, containerPath: DATA_PATHS.ui }],
                ports: publish(PORTS.ui, plan.docker.uiHostPort),
                restart: "always",
            },
            containerOpts(dependencies),
        );
    }

    return { url: pulumi.output(`http://${plan.docker.host}:${plan.docker.ingesterHostPort}`), ready: [ingester] };
}
