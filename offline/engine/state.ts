/**
 * @file The stack's state between runs: what each resource was given and what its
 * provider returned, like a Pulumi checkpoint. Secret values are stored
 * encrypted (AES-256-GCM, key from a passphrase), as Pulumi's passphrase
 * secrets provider does, so a state file never holds a secret in clear.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { Wire, WireObject, isSecret } from "./properties";

/** One resource as the state keeps it (secrets as secret values). */
export interface ResourceState {
    /** The resource's URN. */
    readonly urn: string;
    /** Its type token. */
    readonly type: string;
    /** Its name. */
    readonly name: string;
    /** True for a custom resource, false for a component. */
    readonly custom: boolean;
    /** The id its provider gave it (custom resources only). */
    readonly id?: string;
    /** The parent's URN; undefined for the root Stack. */
    readonly parent?: string;
    /** Provider reference (`<urn>::<id>`), custom resources only. */
    readonly provider?: string;
    /** The inputs it was last given. */
    readonly inputs: WireObject;
    /** What its provider last returned (or the program registered, for a component). */
    readonly outputs: WireObject;
    /** The URNs it depends on. */
    readonly dependencies: string[];
    /** Read, not created, by the program (`get`): never deleted, only dropped from state. */
    readonly external?: boolean;
}

/** A stack's state: its resources. */
export interface StackState {
    /** Every resource, in the order their steps finished (destroy deletes them in reverse). */
    readonly resources: ResourceState[];
}

/** The state file's JSON: secrets encrypted with a key derived from the passphrase and `salt`. */
interface StateFile {
    readonly version: 1;
    readonly salt: string;
    readonly resources: ResourceState[];
}

const CIPHER = "aes-256-gcm";

/** The AES-256 key of a passphrase and a salt (scrypt). */
function keyOf(passphrase: string, salt: string): Buffer {
    return scryptSync(passphrase, Buffer.from(salt, "base64"), 32);
}

/** The value with every secret (plain or encrypted) replaced by what `transform` makes of it. */
function mapSecrets(value: Wire, transform: (secret: { value?: Wire; ciphertext?: string }) => Wire): Wire {
    if (
        isSecret(value) ||
        (typeof value === "object" && value !== null && (value as WireObject)[specialSigKey] === specialSecretSig)
    ) {
        return transform(value as { value?: Wire; ciphertext?: string });
    }
    if (Array.isArray(value)) return value.map((item) => mapSecrets(item, transform));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
        Object.entries(value as WireObject).map(([key, child]) => [key, mapSecrets(child, transform)]),
    );
}

/** A secret value encrypted: `{sig: secret, ciphertext: "<iv>:<tag>:<data>"}`, each part base64. */
function encrypt(key: Buffer, value: Wire): Wire {
    const iv = randomBytes(12);
    const cipher = createCipheriv(CIPHER, key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    const ciphertext = [iv, cipher.getAuthTag(), data].map((part) => part.toString("base64")).join(":");
    return { [specialSigKey]: specialSecretSig, ciphertext };
}

/** The value an `encrypt` ciphertext holds. */
function decrypt(key: Buffer, ciphertext: string): Wire {
    const [iv, tag, data] = ciphertext.split(":").map((part) => Buffer.from(part, "base64"));
    const decipher = createDecipheriv(CIPHER, key, iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8"));
}

/** The resources with `transform` applied to their inputs and outputs. */
function mapResources(resources: readonly ResourceState[], transform: (value: Wire) => Wire): ResourceState[] {
    return resources.map((resource) => ({
        ...resource,
        inputs: transform(resource.inputs) as WireObject,
        outputs: transform(resource.outputs) as WireObject,
    }));
}

/** A stack's state file, its secrets encrypted with a passphrase. */
export class StateStore {
    constructor(
        private readonly file: string,
        private readonly passphrase: string,
    ) {}

    /** The stored state, secrets decrypted; an empty state when the file does not exist. */
    read(): StackState {
        if (!fs.existsSync(this.file)) return { resources: [] };
        const stored = JSON.parse(fs.readFileSync(this.file, "utf8")) as StateFile;
        const key = keyOf(this.passphrase, stored.salt);
        const reveal = (value: Wire) =>
            mapSecrets(value, (stored) => ({
                [specialSigKey]: specialSecretSig,
                value: stored.ciphertext === undefined ? stored.value : decrypt(key, stored.ciphertext),
            }));
        return { resources: mapResources(stored.resources, reveal) };
    }

    /** Stores the state (mode 0600), its secrets encrypted with a fresh salt. */
    write(state: StackState): void {
        const salt = randomBytes(16).toString("base64");
        const key = keyOf(this.passphrase, salt);
        const hide = (value: Wire) => mapSecrets(value, (secretValue) => encrypt(key, secretValue.value));
        const stored: StateFile = { version: 1, salt, resources: mapResources(state.resources, hide) };
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        fs.writeFileSync(this.file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    }
}
