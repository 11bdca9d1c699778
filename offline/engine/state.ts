/**
 * The stack's state between runs: what each resource was given and what its
 * provider returned, like a Pulumi checkpoint. Secret values are stored
 * encrypted (AES-256-GCM, key from a passphrase), as Pulumi's passphrase
 * secrets provider does, so a state file never holds a secret in clear.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { Wire, WireObject, isSecret } from "./properties";

export interface ResourceState {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly id?: string;
    readonly parent?: string;
    /** Provider reference (`<urn>::<id>`), custom resources only. */
    readonly provider?: string;
    readonly inputs: WireObject;
    readonly outputs: WireObject;
    readonly dependencies: string[];
    /** Read, not created, by the program (`get`): never deleted, only dropped from state. */
    readonly external?: boolean;
}

export interface StackState {
    readonly resources: ResourceState[];
}

interface StateFile {
    readonly version: 1;
    readonly salt: string;
    readonly resources: ResourceState[];
}

const CIPHER = "aes-256-gcm";

function keyOf(passphrase: string, salt: string): Buffer {
    return scryptSync(passphrase, Buffer.from(salt, "base64"), 32);
}

function mapSecrets(value: Wire, f: (secret: { value?: Wire; ciphertext?: string }) => Wire): Wire {
    if (
        isSecret(value) ||
        (typeof value === "object" && value !== null && (value as WireObject)[specialSigKey] === specialSecretSig)
    ) {
        return f(value as { value?: Wire; ciphertext?: string });
    }
    if (Array.isArray(value)) return value.map((v) => mapSecrets(v, f));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value as WireObject).map(([k, v]) => [k, mapSecrets(v, f)]));
}

function encrypt(key: Buffer, value: Wire): Wire {
    const iv = randomBytes(12);
    const cipher = createCipheriv(CIPHER, key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    const ciphertext = [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64")).join(":");
    return { [specialSigKey]: specialSecretSig, ciphertext };
}

function decrypt(key: Buffer, ciphertext: string): Wire {
    const [iv, tag, data] = ciphertext.split(":").map((s) => Buffer.from(s, "base64"));
    const decipher = createDecipheriv(CIPHER, key, iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8"));
}

function mapResources(resources: readonly ResourceState[], f: (v: Wire) => Wire): ResourceState[] {
    return resources.map((r) => ({ ...r, inputs: f(r.inputs) as WireObject, outputs: f(r.outputs) as WireObject }));
}

export class StateStore {
    constructor(
        private readonly file: string,
        private readonly passphrase: string,
    ) {}

    read(): StackState {
        if (!fs.existsSync(this.file)) return { resources: [] };
        const stored = JSON.parse(fs.readFileSync(this.file, "utf8")) as StateFile;
        const key = keyOf(this.passphrase, stored.salt);
        const reveal = (v: Wire) =>
            mapSecrets(v, (s) => ({
                [specialSigKey]: specialSecretSig,
                value: s.ciphertext === undefined ? s.value : decrypt(key, s.ciphertext),
            }));
        return { resources: mapResources(stored.resources, reveal) };
    }

    write(state: StackState): void {
        const salt = randomBytes(16).toString("base64");
        const key = keyOf(this.passphrase, salt);
        const hide = (v: Wire) => mapSecrets(v, (s) => encrypt(key, s.value));
        const stored: StateFile = { version: 1, salt, resources: mapResources(state.resources, hide) };
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        fs.writeFileSync(this.file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    }
}
