/**
 * Checks programs in other languages against a component package's schema (what GetSchema returns), without
 * their language hosts: a Pulumi YAML program's resources (`type`, `properties`, `${res.output}` references),
 * and a Python program's resource classes and keyword names, as text.
 */
import { parse } from "yaml";

/** The parts of a Pulumi package schema these checks read (pulumi/pulumi pkg/codegen/schema). */
export interface PackageSchema {
    readonly name: string;
    readonly resources: Record<string, ResourceSchema>;
    readonly types?: Record<string, TypeSchema>;
}

export interface PropertySchema {
    readonly type?: string;
    readonly $ref?: string;
    readonly items?: PropertySchema;
    readonly additionalProperties?: PropertySchema;
    readonly description?: string;
}

export interface ResourceSchema {
    readonly inputProperties?: Record<string, PropertySchema>;
    readonly requiredInputs?: string[];
    readonly properties?: Record<string, PropertySchema>;
}

export interface TypeSchema {
    readonly type: string;
    readonly properties?: Record<string, PropertySchema>;
    readonly required?: string[];
    readonly enum?: { name?: string; value: unknown }[];
}

/**
 * pulumi/pulumi pkg/codegen/python/python.go `PyName` (the state machine, non-legacy): camelCase → snake_case,
 * an acronym kept as one word (`dokuAPIKey` → `doku_api_key`), digits and a plural `s` after an acronym kept
 * with it. The generated Python SDK names every property this way.
 */
export function pyName(name: string): string {
    const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
    const words: string[] = [];
    let current = "";
    let state: "first" | "upper" | "acronym" | "lower" = "first";
    for (const raw of name) {
        const char = /[A-Za-z0-9_]/.test(raw) ? raw : "_";
        if (state === "first") {
            if (/[0-9]/.test(char)) current += "_";
            current += char.toLowerCase();
            state = isUpper(char) ? "upper" : "lower";
        } else if (state === "upper") {
            current += char.toLowerCase();
            state = isUpper(char) ? "acronym" : "lower";
        } else if (state === "acronym") {
            if (isUpper(char)) current += char.toLowerCase();
            else if (/[0-9]/.test(char) || char === "s") {
                current += char;
                state = "lower";
            } else {
                words.push(current.slice(0, -1));
                current = current.slice(-1) + char;
                state = "lower";
            }
        } else if (isUpper(char)) {
            words.push(current);
            current = char.toLowerCase();
            state = "upper";
        } else current += char;
    }
    if (current !== "") words.push(current);
    return words.filter((w) => w !== "").join("_");
}

type ConfigTypes = Record<string, string>;

/** Problems of one value against a schema property: each names the path, the value and what is expected. */
function valueProblems(schema: PackageSchema, prop: PropertySchema, value: unknown, at: string, config: ConfigTypes) {
    const problems: string[] = [];
    const interpolation = typeof value === "string" ? /^\$\{([^}]+)\}$/.exec(value) : null;
    if (interpolation !== null) {
        const configType = config[interpolation[1]];
        // `${resource.output}` references are checked by outputProblems; a config value by its declared type.
        const expected = expectedType(schema, prop);
        if (
            configType !== undefined &&
            configType !== expected &&
            !(configType === "integer" && expected === "number")
        ) {
            problems.push(`${at}: \${${interpolation[1]}} is ${configType}, expected ${expected}`);
        }
        return problems;
    }
    const expected = expectedType(schema, prop);
    const ref = prop.$ref?.replace(/^#\/types\//, "");
    const type = ref === undefined ? undefined : schema.types?.[ref];
    if (type?.enum !== undefined) {
        const allowed = type.enum.map((e) => e.value);
        if (!allowed.includes(value))
            problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}`);
    } else if (type?.type === "object") {
        problems.push(...objectProblems(schema, type.properties ?? {}, type.required ?? [], value, at, config));
    } else if (expected === "array" && Array.isArray(value)) {
        value.forEach((v, i) => problems.push(...valueProblems(schema, prop.items ?? {}, v, `${at}[${i}]`, config)));
    } else if (jsonType(value) !== expected && !(expected === "number" && jsonType(value) === "integer")) {
        problems.push(`${at}: ${JSON.stringify(value)} is ${jsonType(value)}, expected ${expected}`);
    }
    return problems;
}

function objectProblems(
    schema: PackageSchema,
    props: Record<string, PropertySchema>,
    required: readonly string[],
    value: unknown,
    at: string,
    config: ConfigTypes,
): string[] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return [`${at}: ${JSON.stringify(value)} is ${jsonType(value)}, expected an object`];
    }
    const problems: string[] = [];
    for (const [key, v] of Object.entries(value)) {
        const prop = props[key];
        if (prop === undefined)
            problems.push(`${at}.${key}: no such property (known: ${Object.keys(props).join(", ")})`);
        else problems.push(...valueProblems(schema, prop, v, `${at}.${key}`, config));
    }
    for (const key of required) if (!(key in value)) problems.push(`${at}.${key}: required, missing`);
    return problems;
}

function expectedType(schema: PackageSchema, prop: PropertySchema): string {
    const ref = prop.$ref?.replace(/^#\/types\//, "");
    if (ref !== undefined) return schema.types?.[ref]?.type ?? "object";
    return prop.type ?? "object";
}

function jsonType(value: unknown): string {
    if (Array.isArray(value)) return "array";
    if (value === null) return "null";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

/** Every problem of a Pulumi YAML program's resources of this package (an empty list: it fits the schema). */
export function yamlProgramProblems(schema: PackageSchema, programText: string): string[] {
    const program = parse(programText) ?? {};
    const config: ConfigTypes = {};
    for (const [key, decl] of Object.entries<{ type?: string }>(program.config ?? {})) {
        config[key] = decl?.type ?? "string";
    }
    const problems: string[] = [];
    const ours = new Map<string, ResourceSchema>();
    for (const [name, resource] of Object.entries<{ type: string; properties?: unknown }>(program.resources ?? {})) {
        if (!resource.type.startsWith(`${schema.name}:`)) continue;
        const spec = schema.resources[resource.type];
        if (spec === undefined) {
            problems.push(`resources.${name}.type: ${resource.type} is not in the schema`);
            continue;
        }
        ours.set(name, spec);
        const props = spec.inputProperties ?? {};
        const at = `resources.${name}.properties`;
        problems.push(
            ...objectProblems(schema, props, spec.requiredInputs ?? [], resource.properties ?? {}, at, config),
        );
    }
    // `${resource.output}` anywhere (outputs, variables, other resources): the output must exist.
    for (const match of programText.matchAll(/\$\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)/g)) {
        const spec = ours.get(match[1]);
        if (spec !== undefined && !(match[2] in (spec.properties ?? {}))) {
            problems.push(`\${${match[1]}.${match[2]}}: ${match[2]} is not an output of ${match[1]}`);
        }
    }
    return problems;
}

/**
 * Every problem of a Python program using the package's generated SDK (`import pulumi_<name> as <alias>`):
 * each `<alias>.<Class>(…)` must be a resource of the schema, each keyword a snake_case input, and each
 * `<variable>.<attribute>` of a variable holding one a snake_case output. Text only: no Python runs.
 */
export function pythonProgramProblems(schema: PackageSchema, source: string): string[] {
    const module = `pulumi_${schema.name.replace(/-/g, "_")}`;
    const alias = new RegExp(`^import ${module} as (\\w+)$`, "m").exec(source)?.[1];
    if (alias === undefined) return [`no "import ${module} as <alias>" line`];
    const problems: string[] = [];
    const call = new RegExp(`(?:^(\\w+)\\s*=\\s*)?${alias}\\.(\\w+)\\(([^]*?)\\n\\)`, "gm");
    for (const [, variable, className, args] of source.matchAll(call)) {
        const spec = schema.resources[`${schema.name}:index:${className}`];
        if (spec === undefined) {
            problems.push(`${alias}.${className}: no resource ${schema.name}:index:${className} in the schema`);
            continue;
        }
        const inputs = new Set(Object.keys(spec.inputProperties ?? {}).map(pyName));
        for (const [, keyword] of args.matchAll(/^\s+(\w+)=/gm)) {
            if (keyword !== "opts" && !inputs.has(keyword)) {
                problems.push(`${className}(${keyword}=…): no such input (known: ${[...inputs].join(", ")})`);
            }
        }
        if (variable === undefined) continue;
        const outputs = new Set(Object.keys(spec.properties ?? {}).map(pyName));
        for (const [, attribute] of source.matchAll(new RegExp(`\\b${variable}\\.(\\w+)`, "g"))) {
            if (!outputs.has(attribute)) problems.push(`${variable}.${attribute}: no such output of ${className}`);
        }
    }
    return problems;
}
