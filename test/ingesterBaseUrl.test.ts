/**
 * @file The ingester's URL is a base URL (issue 23): a query, a fragment or whitespace is refused by the
 * config loader, the components, the client and the providers' check, without echoing the query (it may hold
 * a token); a path prefix stays, and the client joins the API's paths after it (against the fake ingester).
 */
import { showValue } from "../config/problems";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { DokuIngester } from "../components/dokuIngester";
import { DokuApiError, DokuClient } from "../ingester/client";
import { dokuApiKeyProvider } from "../ingester/apiKeyProvider";
import { FakeIngester } from "./support/fakeIngester";
import { loadConfig } from "../config/load";
import { problems, thrownBy } from "./support/config";
import { mockCluster, stackConfig } from "./support/ingester";
import { settle } from "./support/pulumi";

const BASE_URL =
    "expected a base URL without a query (?…) or fragment (#…): the API's paths are appended to it " +
    "(a path prefix such as https://host/doku is fine)";

beforeEach(() => jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve()));
afterEach(() => jest.restoreAllMocks());

describe("doku:ingesterUrl", () => {
    it.each([
        [
            "https://doku.example.com/path?token=abc#x",
            `doku:ingesterUrl: got "https://doku.example.com/path?***"; ${BASE_URL}`,
        ],
        ["https://doku.example.com#x", `doku:ingesterUrl: got "https://doku.example.com#***"; ${BASE_URL}`],
        [
            " https://doku.example.com",
            'doku:ingesterUrl: got " https://doku.example.com"; expected a URL without spaces (around it too)',
        ],
        [
            "https://doku.example.com ",
            'doku:ingesterUrl: got "https://doku.example.com "; expected a URL without spaces (around it too)',
        ],
    ])("refuses %j, never showing the query", (url, message) => {
        const found = problems(stackConfig({ "doku:target": "external", "doku:ingesterUrl": url }));
        expect(found).toEqual([message]);
        expect(found.join("\n")).not.toContain("token=abc");
    });

    it("keeps a path prefix", () => {
        mockCluster(
            undefined,
            stackConfig({ "doku:target": "external", "doku:ingesterUrl": "https://h.example.com/doku" }),
        );
        expect(loadConfig().ingesterUrl).toBe("https://h.example.com/doku");
    });

    it("DokuIngester refuses the same, naming args.ingesterUrl", async () => {
        const mocks = mockCluster();
        expect(
            () => new DokuIngester("doku", { target: "external", ingesterUrl: "https://doku.example.com/p?token=abc" }),
        ).toThrow(`  - args.ingesterUrl: got "https://doku.example.com/p?***"; ${BASE_URL}`);
        await settle(mocks);
    });
});

describe("the client and the providers' check", () => {
    it.each([
        ["http://127.0.0.1:9044/path?token=abc#x", 'got "http://127.0.0.1:9044/path?***", a URL with a query'],
        ["http://127.0.0.1:9044#x", 'got "http://127.0.0.1:9044#***", a URL with a query'],
        [" http://127.0.0.1:9044", 'got " http://127.0.0.1:9044"; expected a URL without spaces (around it too)'],
        ["http://127.0.0.1:9044\n", 'got "http://127.0.0.1:9044\\n"; expected a URL without spaces (around it too)'],
    ])("refuse %j", async (url, start) => {
        const caught = thrownBy(() => new DokuClient({ baseUrl: url }));
        expect(caught).toBeInstanceOf(DokuApiError);
        expect((caught as Error).message).toContain(`DokuClient baseUrl: ${start}`);
        expect((caught as Error).message).not.toContain("token=abc");
        const { failures } = await dokuApiKeyProvider.check!({}, { ingesterUrl: url, name: "pulumi" });
        expect(failures).toHaveLength(1);
        expect(failures![0].property).toBe("ingesterUrl");
        expect(failures![0].reason.startsWith(start)).toBe(true);
        expect(failures![0].reason).not.toContain("token=abc");
    });
});

describe("a path prefix, against the fake ingester on 127.0.0.1 behind a proxy that serves it under /doku", () => {
    let ingester: FakeIngester;
    let proxy: http.Server;
    const seen: string[] = [];
    let base = "";

    beforeAll(async () => {
        ingester = new FakeIngester();
        await ingester.start();
        proxy = http.createServer((req, res) => {
            seen.push(`${req.method} ${req.url}`);
            if (!req.url!.startsWith("/doku/")) {
                res.writeHead(404).end();
                return;
            }
            const upstream = http.request(
                {
                    host: "127.0.0.1",
                    port: ingester.port,
                    path: req.url!.slice("/doku".length),
                    method: req.method,
                    headers: req.headers,
                },
                (answer) => {
                    res.writeHead(answer.statusCode!, answer.headers);
                    answer.pipe(res);
                },
            );
            req.pipe(upstream);
        });
        await new Promise<void>((listening) => proxy.listen(0, "127.0.0.1", () => listening()));
        base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/doku`;
    });
    afterAll(async () => {
        proxy.closeAllConnections();
        await new Promise((closed) => proxy.close(closed));
        await ingester.stop();
    });

    it("health and a new key go to <prefix>/ and <prefix>/api/keys, with or without a trailing slash", async () => {
        for (const end of ["", "/"]) {
            const client = new DokuClient({ baseUrl: `${base}${end}`, retryDeadlineMs: 2000 });
            await expect(client.health()).resolves.toMatchObject({ ready: true, status: 200 });
        }
        const key = await new DokuClient({ baseUrl: base, retryDeadlineMs: 2000 }).createApiKey("prefixed", "");
        expect(ingester.keys.get("prefixed")).toBe(key);
        expect(seen).toEqual(["GET /doku/", "GET /doku/", "POST /doku/api/keys"]);
    });
});

describe("a shown URL never carries its query", () => {
    it.each([
        ["https://host/a b?token=s3cret", '"https://host/a b?***"'],
        ["ftp://host/?token=s3cret", '"ftp://host/?***"'],
        ['https://host/"?token=s3cret', '"https://host/\\"?***"'],
        ["http://user:s3cret@host/#s3cret", '"http://***@host/#***"'],
    ])("%j is shown as %s", (raw, shown) => {
        expect(showValue(raw)).toBe(shown);
    });
});
