/**
 * @file "Nothing listens there", for `read` and `delete` of the dynamic resources:
 * when the ingester itself is gone (its host name does not exist, or every
 * connection is refused for GONE_REFUSED_WINDOW_MS), what lived on it is
 * gone too, so destroy and refresh can finish. Anything else — a 5xx, a
 * timeout while something answers, a 401 on a connection, a resolver that
 * does not answer (EAI_AGAIN) — stays an error: the ingester may be there.
 */
import * as pulumi from "@pulumi/pulumi";
import { DokuApiError } from "./api";

/**
 * How long refused connections mean "the ingester is gone": 10 s of refused connections, retried with
 * backoff, is past a container restart's gap (the port is closed while the process starts) but short
 * enough for a destroy of a stack whose ingester was removed.
 */
export const GONE_REFUSED_WINDOW_MS = 10_000;

/**
 * `call`'s value, or undefined with a warning when nothing listens at the ingester's URL (its host name does
 * not exist, or connections were refused): what `what` names is then treated as gone.
 *
 * The warning goes through pulumi.log.warn. The dynamic-provider host does
 * not connect to the engine (node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js
 * checks its <engine> argument and never passes it on; github:pulumi/pulumi
 * issue #6065 says so), so pulumi.log.warn falls back to
 * `console.warn("warning: [runtime] …")` (@pulumi/pulumi/log/index.js), and
 * the CLI shows a dynamic provider's stderr since github:pulumi/pulumi pull
 * request #18253 (fixing issue #18249, "structured logs are not visible from
 * dynamic TS providers"). The user sees the line, not attached to the resource.
 */
export async function unlessNothingListens<T>(what: string, call: () => Promise<T>): Promise<{ value: T } | undefined> {
    try {
        return { value: await call() };
    } catch (error) {
        if (!(error instanceof DokuApiError) || (error.kind !== "no-such-host" && error.kind !== "refused")) {
            throw error;
        }
        const reason =
            error.kind === "refused"
                ? `connections were refused for ${GONE_REFUSED_WINDOW_MS / 1000} s`
                : "its host name does not exist";
        await pulumi.log.warn(
            `${what} is treated as gone because nothing listens at the ingester's URL (${reason}): ` +
                `${error.message}. If that ingester still runs elsewhere, it keeps it.`,
        );
        return undefined;
    }
}
