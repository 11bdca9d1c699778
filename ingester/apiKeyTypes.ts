/**
 * @file The inputs and state of a DokuApiKey, below its provider (apiKeyProvider.ts) and its operations
 * (apiKeyOperations.ts), which both use them.
 */

/** Inputs of a DokuApiKey, exactly. */
export interface DokuApiKeyInputs {
    /** Base URL of the ingester. */
    readonly ingesterUrl: string;
    /** The key's name (lower-case). */
    readonly name: string;
    /** A key allowed to create keys; absent = the bootstrap rule (no key exists yet). */
    readonly adminApiKey?: string;
    /** A key to adopt instead of creating one; never deleted. */
    readonly existingKey?: string;
}

/** Outputs: the inputs, the key and whether this resource created it. */
export interface DokuApiKeyState extends DokuApiKeyInputs {
    /** The key's value (secret). */
    readonly key: string;
    /** Whether this resource created the key; absent in states written before it existed (= created). */
    readonly created?: boolean;
}
