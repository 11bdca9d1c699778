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
 * Docker target: a network, pinned images, ClickHouse with a volume and a
 * health check, the ingester started once ClickHouse is healthy, and the UI
 * when asked. Children are parented to the component.
 */
export function deployDocker(
    parent: pulumi.ComponentResource,
    plan: IngesterPlan,
): { url: pulumi.Output<string>; ready: pulumi.Resource[] } {
    const { name } = plan;
    const opts = { parent };
    const network = new docker.Network(`${name}-network`, { name: `${name}-doku`, driver: "bridge" }, opts);
    const pull = (role: string, image: string) =>
        new docker.RemoteImage(`${name}-${role}-image`, { name: image, keepLocally: true }, opts);
    const attach = (alias: string) => [{ name: network.name, aliases: [alias] }];

    const dependencies: pulumi.Resource[] = [];
    if (plan.managedClickhouse) {
        const image = pull("clickhouse", plan.images.clickhouse);
        const data = new docker.Volume(`${name}-clickhouse-data`, { name: `${name}-clickhouse-data` }, opts);
        const clickhouse = new docker.Container(
            `${name}-clickhouse`,
            {
                name: `${name}-clickhouse`,
                image: image.imageId,
                envs: envList(
                    [{ name: "CLICKHOUSE_USER", value: plan.db.user }],
                    CLICKHOUSE_PASSWORD_VAR,
                    plan.password,
                ),
                // A deployed ClickHouse is reached by its container name (the plan's db.host, a plain string then).
                networksAdvanced: attach(`${name}-clickhouse`),
                volumes: [{ volumeName: data.name, containerPath: DATA_PATHS.clickhouse }],
                ports:
                    plan.docker.clickhouseHostPort === undefined
                        ? []
                        : [{ internal: PORTS.clickhouseNative, external: plan.docker.clickhouseHostPort }],
                healthcheck: healthcheck(
                    `wget --spider -q http://localhost:${CLICKHOUSE_PING.port}${CLICKHOUSE_PING.path} || exit 1`,
                ),
                restart: "always",
                // `pulumi up` waits for the health check before creating what depends on ClickHouse.
                wait: true,
                waitTimeout: 180,
            },
            opts,
        );
        dependencies.push(clickhouse);
    }

    const ingesterImage = pull("server", plan.images.ingester);
    const ingester = new docker.Container(
        `${name}-server`,
        {
            name: `${name}-server`,
            image: ingesterImage.imageId,
            envs: envList(ingesterEnv(plan.db, plan), INGESTER_PASSWORD_VAR, plan.password),
            networksAdvanced: attach("doku-ingester"),
            ports: [{ internal: PORTS.ingester, external: plan.docker.ingesterHostPort }],
            healthcheck: healthcheck(
                `wget -q -O /dev/null http://localhost:${INGESTER_HEALTH.port}${INGESTER_HEALTH.path} || exit 1`,
            ),
            restart: "always",
        },
        { parent, dependsOn: dependencies },
    );

    if (plan.ui) {
        const uiImage = pull("ui", plan.images.ui);
        const uiData = new docker.Volume(`${name}-ui-data`, { name: `${name}-ui-data` }, opts);
        new docker.Container(
            `${name}-ui`,
            {
                name: `${name}-ui`,
                image: uiImage.imageId,
                envs: envList(uiEnv(plan.db), UI_PASSWORD_VAR, plan.password),
                networksAdvanced: attach("doku-ui"),
                volumes: [{ volumeName: uiData.name, containerPath: DATA_PATHS.ui }],
                ports: [{ internal: PORTS.ui, external: plan.docker.uiHostPort }],
                restart: "always",
            },
            { parent, dependsOn: dependencies },
        );
    }

    return { url: pulumi.output(`http://${plan.docker.host}:${plan.docker.ingesterHostPort}`), ready: [ingester] };
}
