/**
 * @file URL rules shared by the client and the providers' `check`: an http(s) base URL, never a user name
 * or password, a query, a fragment or whitespace, and never echo credentials or a query in a message.
 */
import { httpUrlFaults } from "../config/httpUrl";

/** The text of a URL fit for a message: any user-info replaced by `***`. */
export function showUrl(raw: string): string {
    const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#\s]*@/i;
    return raw.replace(userInfo, (_userInfo, scheme: string | undefined) => `${scheme ?? ""}***@`);
}

/** The URL up to its query or fragment, which are cut (they may carry a token): `https://host/path?…`. */
function withoutQuery(raw: string): string {
    const cut = raw.search(/[?#]/);
    return cut < 0 ? raw : `${raw.slice(0, cut)}${raw[cut]}***`;
}

/**
 * Why this string is not a usable base URL (http(s), no credentials, no whitespace, no query or fragment), or
 * undefined when it is. The reason never contains the credentials.
 * `why` says what authenticates instead (e.g. "the Doku API key").
 */
export function urlProblem(raw: unknown, why: string): string | undefined {
    if (typeof raw !== "string" || raw === "") return `got ${JSON.stringify(raw)}; expected an http:// or https:// URL`;
    const faults = httpUrlFaults(raw);
    // A user-info part, even in a string URL() rejects, is refused without showing it.
    if (faults.credentials) {
        return (
            `got ${JSON.stringify(showUrl(raw))}, a URL with a user name or password; ` +
            `expected an http:// or https:// URL without credentials (${why})`
        );
    }
    const shown = JSON.stringify(withoutQuery(raw));
    if (faults.whitespace) return `got ${shown}; expected a URL without spaces (around it too)`;
    if (faults.notHttp) return `got ${shown}; expected an http:// or https:// URL`;
    // Never echoed: a query or a fragment may carry a token.
    if (faults.queryOrFragment) {
        return (
            `got ${shown}, a URL with a query (?…) or fragment (#…); expected a base URL ` +
            "without them: the API's paths are appended to it (a path prefix such as https://host/doku is fine)"
        );
    }
    return undefined;
}

/**
 * A redirect's Location for a message: absolute, without user-info, query or
 * fragment (they may carry tokens).
 */
export function showLocation(location: string, base: string): string {
    try {
        const target = new URL(location, base);
        return `${target.protocol}//${target.host}${target.pathname}`;
    } catch {
        return "an unparseable Location";
    }
}
