/**
 * @file The http(s) URL rule, in one place: the `doku:` keys' schema (schemas.ts), the dashboard's logo URL
 * and the dynamic providers' `check` (ingester/urls.ts) all classify a URL here and word the message their
 * own way. No imports: the providers' closures are serialized with it.
 */

/** What is wrong with a URL string: not an http(s) URL with a host, and/or user-info (credentials) in it. */
export interface HttpUrlFaults {
    /** Not parseable, or not `http://`/`https://` followed by a host. */
    readonly notHttp: boolean;
    /** A user name or password (even in a string `URL` rejects): it would reach plain inputs and logs. */
    readonly credentials: boolean;
}

/** Classifies a string against the rule: an http(s) URL with a host and without credentials. */
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
    };
}
