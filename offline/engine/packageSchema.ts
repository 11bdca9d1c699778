/**
 * @file Checks programs in other languages against a component package's schema (what GetSchema returns), without
 * their language hosts: a Pulumi YAML program's resources (`type`, `properties`, `${res.output}` references),
 * and a Python program's resource classes and keyword names, as text.
 */
import { parse } from "yaml";

/** The parts of a Pulumi package schema these checks read (pulumi/pulumi pkg/codegen/schema). */
export interface PackageSchema {
    /** The package's name (`doku`), the first part of its type tokens. */
    readonly name: string;
    /** Type token (`doku:index:DokuIngester`) → the resource. */
    readonly resources: Record<string, ResourceSchema>;
    /** Type token → an object or enum type the resources' properties refer to (`#/types/<token>`). */
    readonly types?: Record<string, TypeSchema>;
}

/** One property of a resource or an object type. */
export interface PropertySchema {
    /** `string`, `number`, `integer`, `boolean`, `array` or `object`; undefined when `$ref` names the type. */
    readonly type?: string;
    /** A reference to a named type (`#/types/<token>`). */
    readonly $ref?: string;
    /** The element type of an array. */
    readonly items?: PropertySchema;
    /** The value type of a map. */
    readonly additionalProperties?: PropertySchema;
    /** The property's doc. */
    readonly description?: string;
}

/** A resource of the schema: its inputs and its outputs. */
export interface ResourceSchema {
    /** Input name → property. */
    readonly inputProperties?: Record<string, PropertySchema>;
    /** The inputs a program must set. */
    readonly requiredInputs?: string[];
    /** Output name → property. */
    readonly properties?: Record<string, PropertySchema>;
}

/** A named type: an object (its properties) or an enum (its values). */
export interface TypeSchema {
    /** `object`, or the underlying type of an enum (`string`, `integer`, …). */
    readonly type: string;
    /** An object's property name → property. */
    readonly properties?: Record<string, PropertySchema>;
    /** The properties an object must have. */
    readonly required?: string[];
    /** An enum's members. */
    readonly enum?: { name?: string; value: unknown }[];
}

/**
 * pulumi/pulumi pkg/codegen/python/python.go `PyName` (the state machine, non-legacy): camelCase → snake_case,
 * an acronym kept as one word (`dokuAPIKey` → `doku_api_key`), digits and a plural `s` after an acronym kept
 * with it. The generated Python SDK names every property this way.
 */
export function pyName(name: string): string {
    const isUpper = (letter: string) => letter !== letter.toLowerCase() && letter === letter.toUpperCase();
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
    return words.filter((word) => word !== "").join("_");
}

/** A YAML program's config keys → their declared types. */
type ConfigTypes = Record<string, string>;

/** Problems of one value against a schema property: each names the path, the value and what is expected. */
function valueProblems(
    schema: PackageSchema,
    property: PropertySchema,
    value: unknown,
    at: string,
    config: ConfigTypes,
): string[] {
    const problems: string[] = [];
    const interpolation = typeof value === "string" ? /^\$\{([^}]+)\}$/.exec(value) : null;
    if (interpolation !== null) {
        const configType = config[interpolation[1]];
        // `${resource.output}` references are checked by outputProblems; a config value by its declared type.
        const expected = expectedType(schema, property);
        if (
            configType !== undefined &&
            configType !== expected &&
            !(configType === "integer" && expected === "number")
        ) {
            problems.push(`${at}: \${${interpolation[1]}} is ${configType}, expected ${expected}`);
        }
        return problems;
    }
    const expected = expectedType(schema, property);
    const typeToken = property.$ref?.replace(/^#\/types\//, "");
    const type = typeToken === undefined ? undefined : schema.types?.[typeToken];
    if (type?.enum !== undefined) {
        const allowed = type.enum.map((member) => member.value);
        if (!allowed.includes(value))
            problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}`);
    } else if (type?.type === "object") {
        problems.push(...objectProblems(schema, type.properties ?? {}, type.required ?? [], value, at, config));
    } else if (expected === "array" && Array.isArray(value)) {
        value.forEach((item, index) =>
            problems.push(...valueProblems(schema, property.items ?? {}, item, `${at}[${index}]`, config)),
        );
    } else if (jsonType(value) !== expected && !(expected === "number" && jsonType(value) === "integer")) {
        problems.push(`${at}: ${JSON.stringify(value)} is ${jsonType(value)}, expected ${expected}`);
    }
    return problems;
}

/** Problems of an object value: unknown properties, each property's value, missing required ones. */
function objectProblems(
    schema: PackageSchema,
    properties: Record<string, PropertySchema>,
    required: readonly string[],
    value: unknown,
    at: string,
    config: ConfigTypes,
): string[] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return [`${at}: ${JSON.stringify(value)} is ${jsonType(value)}, expected an object`];
    }
    const problems: string[] = [];
    for (const [key, propertyValue] of Object.entries(value)) {
        const property = properties[key];
        if (property === undefined)
            problems.push(`${at}.${key}: no such property (known: ${Object.keys(properties).join(", ")})`);
        else problems.push(...valueProblems(schema, property, propertyValue, `${at}.${key}`, config));
    }
    for (const key of required) if (!(key in value)) problems.push(`${at}.${key}: required, missing`);
    return problems;
}

/** The JSON type a property expects (a named type's own type; `object` when unsaid). */
function expectedType(schema: PackageSchema, property: PropertySchema): string {
    const typeToken = property.$ref?.replace(/^#\/types\//, "");
    if (typeToken !== undefined) return schema.types?.[typeToken]?.type ?? "object";
    return property.type ?? "object";
}

/** A value's JSON type, `integer` for a whole number. */
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
    for (const [key, declaration] of Object.entries<{ type?: string }>(program.config ?? {})) {
        config[key] = declaration?.type ?? "string";
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
        const inputs = spec.inputProperties ?? {};
        const at = `resources.${name}.properties`;
        problems.push(
            ...objectProblems(schema, inputs, spec.requiredInputs ?? [], resource.properties ?? {}, at, config),
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
