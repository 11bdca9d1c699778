/**
 * @file Reading the Doku ingester's answers (doku-ingester.md): the `{status, message}` envelope its calls answer
 * with, and the DokuApiError an unexpected answer becomes. The zod schemas are built inside the functions: the
 * dynamic providers load this module at run time (through ./client.ts).
 */
import { z } from "zod";
import { DokuApiError, RawResponse } from "./api";

/** The `{status, message}` body the ingester answers its calls with. */
export interface AnswerEnvelope {
    status: number;
    message: string;
}

/**
 * An error for an answer of `method baseUrl+path`, with the ingester's message when the body has one (passed
 * through `redact`, which hides the client's secrets), else `fallback` or the size of a non-JSON body.
 */
export function answerFailure(
    baseUrl: string,
    method: string,
    path: string,
    res: RawResponse,
    fallback: string,
    redact: (text: string) => string,
): DokuApiError {
    const envelope = z.object({ status: z.number().optional(), message: z.string() });
    let ingesterMessage: string | undefined;
    try {
        const parsed = envelope.safeParse(JSON.parse(res.text));
        if (parsed.success) ingesterMessage = redact(parsed.data.message);
    } catch {
        // not JSON: said below
    }
    const hint =
        res.status === 401
            ? "; check the Doku API key (doku:apiKey)"
            : res.status === 400
              ? "; the request was rejected as invalid"
              : "";
    const detail =
        ingesterMessage ?? (res.text.trim() === "" ? fallback : `a non-JSON answer (${res.text.length} bytes)`);
    return new DokuApiError(
        `${method} ${baseUrl}${path}: HTTP ${res.status}: ${detail}${hint}`,
        method,
        path,
        res.status,
        ingesterMessage,
        res.status >= 500,
    );
}

/** Parses `{status, message}`; a non-JSON or malformed answer is an error naming the call. */
export function parseEnvelope(baseUrl: string, method: string, path: string, res: RawResponse): AnswerEnvelope {
    const schema = z.object({ status: z.number(), message: z.string() });
    const fail = (what: string) =>
        new DokuApiError(
            `${method} ${baseUrl}${path}: HTTP ${res.status} with ${what}`,
            method,
            path,
            res.status,
            undefined,
            false,
        );
    let json: unknown;
    try {
        json = JSON.parse(res.text);
    } catch {
        throw fail(`a non-JSON answer (${res.text.length} bytes); is this URL a Doku ingester?`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw fail(`an unexpected answer (${issue.path.join(".") || "body"}: ${issue.message})`);
    }
    return parsed.data;
}
