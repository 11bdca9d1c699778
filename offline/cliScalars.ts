/**
 * @file Stack-file values as the Pulumi CLI (v3.248) turns them into the text the program reads. The CLI decodes
 * the stack file with gopkg.in/yaml.v3 into Go values (`config.Value.UnmarshalYAML` → `object.UnmarshalYAML`,
 * sdk/go/common/resource/config/object.go), so a plain scalar is typed first, then written back as text
 * (`object.MarshalString`): `2024.10` becomes `2024.1`, `0123` (a YAML 1.1 octal) `83`, `0x1F` `31`, `1_000`
 * `1000`, `~` an empty string, `2001-12-14` a Go time's String(). Lists and maps become Go's JSON of those values
 * (map keys sorted, `<`, `>`, `&` escaped). Quoted and block scalars stay strings. test/real/stackValues.test.ts
 * holds this to the real CLI.
 */
import { Document, Node, isAlias, isMap, isScalar, isSeq } from "yaml";

/** A value as yaml.v3 decodes it into `interface{}`: Go's int/uint/float/bool/nil/string/time/slice/map. */
type GoValue =
    | { readonly kind: "int"; readonly value: bigint }
    | { readonly kind: "float"; readonly value: number }
    | { readonly kind: "bool"; readonly value: boolean }
    | { readonly kind: "null" }
    | { readonly kind: "string"; readonly value: string }
    | { readonly kind: "list"; readonly items: GoValue[] }
    | { readonly kind: "map"; readonly entries: [string, GoValue][] };

const STR_TAGS = new Set(["tag:yaml.org,2002:str", "!!str", "tag:yaml.org,2002:binary", "!!binary"]);
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const BOOLS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const INFINITIES = new Set([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"]);
const NANS = new Set([".nan", ".NaN", ".NAN"]);
// yaml.v3 resolve.go, yamlStyleFloat.
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt/ParseUint with base 0 (sign, 0x, 0o, 0b, a leading-0 octal, decimal), as a bigint. */
function parseGoInt(text: string, unsigned: boolean): bigint | undefined {
    const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
    if (match === null || (unsigned && match[1] !== "")) return undefined;
    const digits = match[2];
    const body = /^0[0-7]+$/.test(digits)
        ? `0o${digits.slice(1)}`
        : digits.replace(/^0([XOB])/, (_, p) => `0${p.toLowerCase()}`);
    const value = (match[1] === "-" ? -1n : 1n) * BigInt(body);
    if (unsigned) return value <= UINT64_MAX ? value : undefined;
    return value >= INT64_MIN && value <= INT64_MAX ? value : undefined;
}

// yaml.v3 allowedTimestampFormats: a date with short fields, optionally a time (T, t or space) and a zone.
const TIMESTAMP = new RegExp(
    "^(\\d{4})-(\\d{1,2})-(\\d{1,2})" +
        "(?:([Tt ])(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})?)?$",
);

/** time.Time.String() of a yaml.v3 timestamp (its allowed formats), or undefined when it is none. */
function goTimestamp(text: string): string | undefined {
    const match = TIMESTAMP.exec(text);
    if (match === null) return undefined;
    const [, year, month, day, separator, hour, minute, second, fraction, zone] = match;
    // "2006-1-2T15:4:5.999999999Z07:00" needs a zone; "2006-1-2 15:4:5.999999999" has none (UTC).
    if (separator !== undefined && (separator === " ") !== (zone === undefined)) return undefined;
    const pad = (value: string | undefined) => (value ?? "0").padStart(2, "0");
    const nanos = (fraction ?? "").replace(/0+$/, "");
    const offset =
        zone === undefined || zone === "Z" ? "+0000 UTC" : `${zone.replace(":", "")} ${zone.replace(":", "")}`;
    const clock = `${pad(hour)}:${pad(minute)}:${pad(second)}${nanos === "" ? "" : `.${nanos}`}`;
    return `${year}-${pad(month)}-${pad(day)} ${clock} ${offset}`;
}

/** yaml.v3's resolve() of an untagged plain scalar into interface{}, with Pulumi's time → String(). */
function resolvePlain(text: string): GoValue {
    if (NULLS.has(text)) return { kind: "null" };
    if (text in BOOLS) return { kind: "bool", value: BOOLS[text] };
    if (INFINITIES.has(text)) return { kind: "float", value: text.startsWith("-") ? -Infinity : Infinity };
    if (NANS.has(text)) return { kind: "float", value: NaN };
    const hint = text[0];
    if (hint === ".") {
        const float = /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : undefined;
        return float === undefined ? { kind: "string", value: text } : { kind: "float", value: float };
    }
    if (!/^[-+0-9]/.test(hint ?? "")) return { kind: "string", value: text };
    const time = goTimestamp(text);
    if (time !== undefined) return { kind: "string", value: time };
    const plain = text.replace(/_/g, "");
    const integer = parseGoInt(plain, false) ?? parseGoInt(plain, true);
    if (integer !== undefined) return { kind: "int", value: integer };
    if (YAML_STYLE_FLOAT.test(plain)) return { kind: "float", value: Number(plain) };
    return { kind: "string", value: text };
}

/** A node of the stack file, read with the failsafe schema (every scalar its text), typed as yaml.v3 types it. */
function goValue(node: unknown, doc?: Document): GoValue {
    // An alias is the node it names (yaml.v3 decodes `*x` as the anchored value).
    if (isAlias(node)) return doc === undefined ? { kind: "null" } : goValue(node.resolve(doc), doc);
    if (isMap(node)) {
        return {
            kind: "map",
            entries: node.items.map((pair) => [
                String(isScalar(pair.key) ? pair.key.value : pair.key),
                goValue(pair.value, doc),
            ]),
        };
    }
    if (isSeq(node)) return { kind: "list", items: node.items.map((item) => goValue(item, doc)) };
    if (!isScalar(node)) return { kind: "null" };
    const text = String(node.value ?? "");
    if (node.tag !== undefined && STR_TAGS.has(node.tag)) return { kind: "string", value: text };
    return node.type === "PLAIN" ? resolvePlain(text) : { kind: "string", value: text };
}

/** A stack-file value the CLI cannot turn into text (Go's encoding/json refuses NaN and infinities). */
export class UnrepresentableValue extends Error {}

/** Go's encoding/json of a float64 ('f' between 1e-6 and 1e21, else 'e' with a short exponent: as JS prints it). */
function goFloat(value: number): string {
    // The CLI's own words: "invalid YAML file: could not unmarshal map: json: unsupported value: +Inf".
    const goName = Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
    if (!Number.isFinite(value)) throw new UnrepresentableValue(`json: unsupported value: ${goName}`);
    return String(value);
}

/** Go's encoding/json of a string: JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped (json.Marshal's HTML escape). */
function goString(value: string): string {
    const escapes: Record<string, string> = {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    };
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => escapes[char]);
}

/** Go's json.Marshal of the decoded value (map keys sorted, as Go sorts map[string] keys). */
function goJson(value: GoValue): string {
    switch (value.kind) {
        case "int":
            return value.value.toString();
        case "float":
            return goFloat(value.value);
        case "bool":
            return String(value.value);
        case "null":
            return "null";
        case "string":
            return goString(value.value);
        case "list":
            return `[${value.items.map(goJson).join(",")}]`;
        case "map": {
            const sorted = [...value.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
            return `{${sorted.map(([key, item]) => `${goString(key)}:${goJson(item)}`).join(",")}}`;
        }
    }
}

/** `object.MarshalString`: the text the program reads for a stack-file value (a scalar's text, else JSON). */
export function cliText(node: Node | null | undefined, doc?: Document): string {
    const value = goValue(node, doc);
    switch (value.kind) {
        case "string":
            return value.value;
        case "null":
            return "";
        case "int":
        case "float":
        case "bool":
        case "list":
        case "map":
            return goJson(value);
    }
}
