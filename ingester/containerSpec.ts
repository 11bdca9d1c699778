/**
 * @file What the ingester and the UI need in their environment
 * (doku-ingester.md, "Ingester environment" and "UI environment"), shared
 * by the Docker and Kubernetes targets. Passwords are not here: each target
 * passes them its own secret way.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DATA_PATHS, PORTS } from "./images";

/** Where the ingester and the UI find ClickHouse, and as whom they log in (the password aside). */
export interface DatabaseSpec {
    /** The deployed ClickHouse's name, or an existing one's host (which may come from another resource). */
    readonly host: pulumi.Input<string>;
    /** ClickHouse's native-protocol port (the ingester's). */
    readonly port: number;
    /** ClickHouse's HTTP port (the UI's). */
    readonly httpPort: number;
    /** The database the ingester and the UI use. */
    readonly database: string;
    /** The ClickHouse user they log in as. */
    readonly user: string;
}

/** The ingester's own settings besides the database: how long it keeps data, and where its prices come from. */
export interface IngesterSettings {
    /** How long the ingester keeps telemetry (its DOKU_DB_RETENTION_PERIOD). */
    readonly retentionPeriod: string;
    /** Unset = the ingester's own default (upstream GitHub). */
    readonly pricingUrl?: string;
}

/** One environment variable; a value may come from another resource (an existing ClickHouse's host). */
export interface EnvVar {
    /** The variable's name. */
    readonly name: string;
    /** Its value, plain (secrets are passed separately). */
    readonly value: pulumi.Input<string>;
}

/** The variable the ingester reads ClickHouse's password from. */
export const INGESTER_PASSWORD_VAR = "DOKU_DB_PASSWORD";
/** The variable the UI reads ClickHouse's password from. */
export const UI_PASSWORD_VAR = "INIT_DB_PASSWORD";
/** The variable a deployed ClickHouse takes the password of its `CLICKHOUSE_USER` from. */
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
    const digestStart = image.indexOf("@");
    if (digestStart >= 0)
        return image
            .slice(digestStart + 1)
            .replace(":", "-")
            .slice(0, 63);
    return image.slice(image.lastIndexOf(":") + 1);
}
