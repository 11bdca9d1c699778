/** The images the package deploys, pinned (doku-ingester.md, release line 0.1.x). */
export const DEFAULT_IMAGES = {
    clickhouse: "clickhouse/clickhouse-server:24.2.2",
    ingester: "ghcr.io/dokulabs/doku-ingester:0.1.3",
    ui: "ghcr.io/dokulabs/doku-client:0.1.3",
} as const;

/** Ports as the images listen on them. */
export const PORTS = {
    clickhouseNative: 9000,
    clickhouseHttp: 8123,
    ingester: 9044,
    ui: 3000,
} as const;

/** Where the images keep data. */
export const DATA_PATHS = {
    clickhouse: "/var/lib/clickhouse",
    ui: "/app/client/data",
} as const;
