import type * as pulumi from "@pulumi/pulumi";
import { DATA_PATHS, PORTS } from "./images";

/**
 * What the ingester and the UI need in their environment
 * (doku-ingester.md, "Ingester environment" and "UI environment"), shared
 * by the Docker and Kubernetes targets. Passwords are not here: each target
 * passes them its own secret way.
 */
export interface DatabaseSpec {
    /** The deployed ClickHouse's name, or an existing one's host (which may come from another resource). */
    readonly host: pulumi.Input<string>;
    readonly port: number;
    readonly httpPort: number;
    readonly database: string;
    readonly user: string;
}

export interface IngesterSettings {
    readonly retentionPeriod: string;
    /** Unset = the ingester's own default (upstream GitHub). */
    readonly pricingUrl?: string;
}

/** One environment variable; a value may come from another resource (an existing ClickHouse's host). */
export interface EnvVar {
    readonly name: string;
    readonly value: pulumi.Input<string>;
}

export const INGESTER_PASSWORD_VAR = "DOKU_DB_PASSWORD";
export const UI_PASSWORD_VAR = "INIT_DB_PASSWORD";
export const CLICKHOUSE_PASSWORD_VAR = "CLICKHOUSE_PASSWORD";

/** The ingester's variables other than the password, in the spec's order. */
export function ingesterEnv(db: DatabaseSpec, settings: IngesterSettings): EnvVar[] {
    return [
        { name: "DOKU_DB_HOST", value: db.host },
        { name: "DOKU_DB_PORT", value: String(db.port) },
        { name: "DOKU_DB_NAME", value: db.database },
        { name: "DOKU_DB_USER", value: db.user },
        { name: "DOKU_DB_MAX_IDLE_CONNS", value: "10" },
        { name: "DOKU_DB_MAX_OPEN_CONNS", value: "20" },
        { name: "DOKU_DB_RETENTION_PERIOD", value: settings.retentionPeriod },
        ...(settings.pricingUrl === undefined ? [] : [{ name: "DOKU_PRICING_JSON_URL", value: settings.pricingUrl }]),
    ];
}

/** The UI's variables other than the password. */
export function uiEnv(db: DatabaseSpec): EnvVar[] {
    return [
        { name: "INIT_DB_HOST", value: db.host },
        { name: "INIT_DB_PORT", value: String(db.httpPort) },
        { name: "INIT_DB_DATABASE", value: db.database },
        { name: "INIT_DB_USERNAME", value: db.user },
        { name: "SQLITE_DATABASE_URL", value: `file:${DATA_PATHS.ui}/data.db` },
    ];
}

/** Health of the ingester: `GET /` on 9044 answers 200 once ClickHouse answers. */
export const INGESTER_HEALTH = { path: "/", port: PORTS.ingester } as const;
/** ClickHouse's unauthenticated liveness endpoint on its HTTP port. */
export const CLICKHOUSE_PING = { path: "/ping", port: PORTS.clickhouseHttp } as const;

/** The tag of an image reference (`repo:tag` → `tag`; digests → `digest`). */
export function imageVersion(image: string): string {
    const at = image.indexOf("@");
    if (at >= 0)
        return image
            .slice(at + 1)
            .replace(":", "-")
            .slice(0, 63);
    return image.slice(image.lastIndexOf(":") + 1);
}
