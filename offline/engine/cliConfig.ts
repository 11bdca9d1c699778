/**
 * @file The CLI's stack-configuration rules, applied before the program runs
 * (pulumi/pulumi sdk/go/common/workspace/config.go, v3.248.0:
 * `ValidateStackConfigAndApplyProjectConfig` and `mergeConfig`):
 * - a key the project declares without `default` (or `value`) is required;
 * - declared-secret typed keys must be stored encrypted (`secure:`);
 * - stack values are checked against the declared type, first failure in key order;
 * - defaults are merged in as plain strings (lists and maps as JSON) where the stack has no value.
 * Keys the project does not declare, and other namespaces, pass unchecked.
 */
import type { StackConfig } from "../stackConfig";
import type { ConfigTypeName, DeclaredKey, ProjectFile } from "./project";

/** How the CLI wraps these errors (pkg/cmd/pulumi/operations/up.go and preview.go). */
const PREFIX = "validating stack config: ";

/** A stack configuration the CLI would refuse before running the program; the message is the CLI's. */
export class StackConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackConfigError";
    }
}

/** The key with its namespace: a key Pulumi.yaml writes bare belongs to the project. */
function fullKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** `'a', 'b' and 'c'` (config.go `formatMissingKeys`). */
function formatMissingKeys(keys: string[]): string {
    const quoted = keys.map((key) => `'${key}'`);
    return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/** The declared type as the CLI names it in messages (`array<string>`). */
function typeName(declared: DeclaredKey): string {
    return declared.type === "array" ? `array<${declared.items?.type ?? "string"}>` : (declared.type ?? "string");
}

/** project.go `ValidateConfigValue`: stack values arrive as strings, lists and maps as JSON. */
function valueHasType(type: ConfigTypeName | undefined, items: DeclaredKey["items"], raw: unknown): boolean {
    switch (type) {
        case undefined:
        case "string":
            return typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean";
        case "integer":
            return (
                (typeof raw === "number" && Number.isInteger(raw)) ||
                (typeof raw === "string" && /^[+-]?\d+$/.test(raw))
            );
        case "boolean":
            return typeof raw === "boolean" || raw === "true" || raw === "false";
        case "object":
            return typeof raw === "object" && raw !== null && !Array.isArray(raw);
        case "array":
            return Array.isArray(raw) && raw.every((item) => valueHasType(items?.type, undefined, item));
    }
}

/** A stack value as the type check sees it: a list or a map parsed from its JSON, anything else as written. */
function parsedStackValue(type: ConfigTypeName | undefined, value: string): unknown {
    if (type !== "array" && type !== "object") return value;
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

/** A declared default as the program receives it: a string, lists and maps as JSON. */
function defaultText(value: unknown): string {
    return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/** Pulumi.yaml's own validation of declarations (project.go `Validate`). */
export function projectProblems(project: ProjectFile): string[] {
    const problems: string[] = [];
    for (const [key, declared] of Object.entries(project.config)) {
        if (declared.type === "array" && declared.items === undefined) {
            problems.push(
                `The configuration key '${key}' declares an array but does not specify the underlying type ` +
                    "via the 'items' attribute",
            );
        }
        if (
            declared.type !== undefined &&
            declared.default !== undefined &&
            !valueHasType(declared.type, declared.items, declared.default)
        ) {
            problems.push(
                `The default value specified for configuration key '${key}' ` +
                    `is not of the expected type '${typeName(declared)}'`,
            );
        }
    }
    return problems;
}

/**
 * The configuration the program sees, or a StackConfigError with the CLI's
 * wording (`validating stack config: …`).
 */
export function applyProjectConfig(project: ProjectFile, stack: string, stackConfig: StackConfig): StackConfig {
    const problems = projectProblems(project);
    if (problems.length > 0) throw new StackConfigError(problems.join("\n"));
    const secure = new Set(stackConfig.secretKeys);
    const declared = Object.entries(project.config).sort(([left], [right]) =>
        left < right ? -1 : left > right ? 1 : 0,
    );
    const missing = declared
        .filter(([key]) => !key.includes(":") || key.startsWith(`${project.name}:`))
        .filter(
            ([key, declaration]) =>
                declaration.default === undefined &&
                declaration.value === undefined &&
                !(fullKey(project.name, key) in stackConfig.config),
        )
        .map(([key]) => key);
    if (missing.length > 0) {
        const values = missing.length === 1 ? "value" : "values";
        throw new StackConfigError(
            `${PREFIX}Stack '${stack}' is missing configuration ${values} ${formatMissingKeys(missing)}`,
        );
    }
    const config = { ...stackConfig.config };
    for (const [key, declaration] of declared) {
        const name = fullKey(project.name, key);
        const stackValue = stackConfig.config[name];
        if (stackValue === undefined) {
            const fallback = declaration.default ?? declaration.value;
            if (fallback !== undefined) config[name] = defaultText(fallback);
            continue;
        }
        if (declaration.type === undefined) continue;
        if (declaration.secret === true && !secure.has(name)) {
            throw new StackConfigError(
                `${PREFIX}Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`,
            );
        }
        if (
            !secure.has(name) &&
            !valueHasType(declaration.type, declaration.items, parsedStackValue(declaration.type, stackValue))
        ) {
            throw new StackConfigError(
                `${PREFIX}Stack '${stack}' with configuration key '${key}' must be of type '${typeName(declaration)}'`,
            );
        }
    }
    return { config, secretKeys: stackConfig.secretKeys };
}
