/**
 * @file The http(s) URL rule, in one place: the `doku:` keys' schema (schemas.ts), the dashboard's logo URL
 * and the dynamic providers' `check` (ingester/urls.ts) all classify a URL here and word the message their
 * own way. No imports: the providers' closures are serialized with it.
 */

/** What is wrong with a URL string (each fault on its own; a caller decides which it refuses). */
export interface HttpUrlFaults {
    /** Not parseable, or not `http://`/`https://` followed by a host. */
    readonly notHttp: boolean;
    /** A user name or password (even in a string `URL` rejects): it would reach plain inputs and logs. */
    readonly credentials: boolean;
    /** A space, tab or line break anywhere, around it too (`URL` drops the surrounding ones silently). */
    readonly whitespace: boolean;
    /** A query (`?…`) or a fragment (`#…`): a base URL with one would send every call to the wrong URL. */
    readonly queryOrFragment: boolean;
}

/**
 * Classifies a string against the rule: an http(s) URL with a host, without credentials or whitespace; and,
 * for a base URL that paths are appended to (the ingester's), without a query or a fragment.
 */
export function httpUrlFaults(raw: string): HttpUrlFaults {
    let url: URL | undefined;
    try {
        url = new URL(raw);
    } catch {
        url = undefined;
    }
    const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#\s]*@/i.test(raw);
    return {
        notHttp:
            url === undefined ||
            !/^https?:$/.test(url.protocol) ||
            url.hostname === "" ||
            !/^https?:\/\/[^/\s]+/.test(raw),
        credentials: userInfo || (url !== undefined && (url.username !== "" || url.password !== "")),
        whitespace: /\s/.test(raw),
        queryOrFragment: /[?#]/.test(raw),
    };
}

/** `localhost` (and `*.localhost`), 127.0.0.0/8 and ::1: names that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
    return (
        host === "localhost" ||
        host.endsWith(".localhost") ||
        /^127(\.\d{1,3}){3}$/.test(host) ||
        host === "::1" ||
        host === "0:0:0:0:0:0:0:1"
    );
}

/**
 * Whether a URL is plain HTTP to another machine: `http://` with a host that is not loopback. Whatever it is
 * sent travels unencrypted over the network (false for https, loopback, and a string that is no URL).
 */
export function isPlainHttpOffMachine(raw: string): boolean {
    if (!URL.canParse(raw.trim())) return false;
    const url = new URL(raw.trim());
    return url.protocol === "http:" && !isLoopbackHost(url.hostname);
}
