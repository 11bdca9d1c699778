import { CONFIG_DEFAULTS } from "../config/defaults";

/** The images the package deploys, pinned: the key table's defaults (doku:ingesterImage, …). */
export const DEFAULT_IMAGES = {
    clickhouse: CONFIG_DEFAULTS.clickhouseImage,
    ingester: CONFIG_DEFAULTS.ingesterImage,
    ui: CONFIG_DEFAULTS.uiImage,
} as const;

/** Ports as the images listen on them (inside the container; the published ports are the key table's). */
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
