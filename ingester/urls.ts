/**
 * @file URL rules shared by the client and the providers' `check`: http(s) only,
 * never a user name or password, and never echo one in a message.
 */
import { httpUrlFaults } from "../config/httpUrl";

/** The text of a URL fit for a message: any user-info replaced by `***`. */
export function showUrl(raw: string): string {
    const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#\s]*@/i;
    return raw.replace(userInfo, (_userInfo, scheme: string | undefined) => `${scheme ?? ""}***@`);
}

/**
 * Why this string is not a usable http(s) URL without credentials, or
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
    if (faults.notHttp) return `got ${JSON.stringify(raw)}; expected an http:// or https:// URL`;
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
