// A local fake of a Nominatim-compatible geocoder (GET /search?format=jsonv2&q=…&limit=…), at the
// HTTP boundary: the app's real fetch talks to it. Knows a few places; `mode` makes it fail.
//
//   const fake = await startGeocoderFake();   // fake.url → GEOCODER_URL
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export interface FakePlace {
  display_name: string;
  lat: string;
  lon: string;
}

export const FAKE_PLACES: Record<string, FakePlace[]> = {
  "windmill hill": [
    { display_name: "Windmill Hill City Farm, Philip Street, Bristol, England", lat: "51.4393", lon: "-2.5930" },
    { display_name: "Windmill Hill, Wiltshire, England", lat: "51.4352", lon: "-1.8813" },
  ],
  stroud: [{ display_name: "Stroud, Gloucestershire, England", lat: "51.7457", lon: "-2.2178" }],
};

export type FakeMode = "ok" | "error" | "slow" | "garbage" | "busy";

export interface GeocoderFake {
  url: string;
  mode: FakeMode;
  /** Every request: path with query, and the User-Agent it carried. */
  requests: Array<{ path: string; query: URLSearchParams; userAgent: string | undefined }>;
  stop(): Promise<void>;
}

export async function startGeocoderFake({
  slowMs = 3000,
  port = 0,
}: { slowMs?: number; port?: number } = {}): Promise<GeocoderFake> {
  const fake: GeocoderFake = { url: "", mode: "ok", requests: [], stop: async () => undefined };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    fake.requests.push({ path: url.pathname, query: url.searchParams, userAgent: req.headers["user-agent"] });
    const send = (status: number, body: string, type = "application/json") => {
      res.writeHead(status, { "Content-Type": type });
      res.end(body);
    };
    if (url.pathname !== "/search") return send(404, JSON.stringify({ error: "not found" }));
    if (fake.mode === "error") return send(500, "<h1>Internal Server Error</h1>", "text/html");
    if (fake.mode === "busy") return send(429, JSON.stringify({ error: "rate limited" }));
    if (fake.mode === "garbage") return send(200, "<html>not json</html>", "text/html");
    const respond = () => {
      const q = (url.searchParams.get("q") ?? "").trim().toLowerCase();
      const limit = Number(url.searchParams.get("limit") ?? "10");
      const places = Object.entries(FAKE_PLACES).find(([key]) => q.includes(key))?.[1] ?? [];
      send(
        200,
        JSON.stringify(
          places.slice(0, limit).map((place, i) => ({ place_id: i + 1, ...place, category: "place", type: "village" })),
        ),
      );
    };
    if (fake.mode === "slow") setTimeout(respond, slowMs);
    else respond();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

// Run on its own for a demo or a manual check: tsx tests/support/geocoder-fake.ts --port 3198
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const portArg = process.argv.indexOf("--port");
  const fake = await startGeocoderFake({ port: portArg > 0 ? Number(process.argv[portArg + 1]) : 0 });
  console.log(`Fake geocoder at ${fake.url} (GEOCODER_URL); knows: ${Object.keys(FAKE_PLACES).join(", ")}`);
}
