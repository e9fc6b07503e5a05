// A local fake of Twilio's Messages API, at the HTTP boundary: the app's real SMS adapter
// (app/integrations/sms.server.ts) talks to it when SMS_API_URL names it. It checks HTTP Basic
// auth and the form fields as Twilio does, answers 201 with a message SID, and can be told to fail
// the next calls with a 5xx (retried by the app) or a 4xx (not retried).
//
//   tsx tests/support/sms-fake.ts --port 3198 --sid ACtest --token secret
import { randomBytes } from "node:crypto";
import http from "node:http";
import { pathToFileURL } from "node:url";

export interface FakeSms {
  sid: string;
  to: string;
  from: string;
  body: string;
}

export interface SmsFake {
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted (201). */
  messages: FakeSms[];
  /** Every request made, accepted or not. */
  requests: Array<{ method: string; path: string; status: number; body: Record<string, string> }>;
  /** Answer the next `count` sends with `status` (500, 503: retryable; 400: final) and Twilio's error body. */
  failNext(count: number, status?: number, message?: string): void;
  stop(): Promise<void>;
}

export async function startSmsFake({
  port = 0,
  host = "127.0.0.1",
  accountSid = `AC${randomBytes(16).toString("hex")}`,
  authToken = randomBytes(16).toString("hex"),
}: { port?: number; host?: string; accountSid?: string; authToken?: string } = {}): Promise<SmsFake> {
  const messages: FakeSms[] = [];
  const requests: SmsFake["requests"] = [];
  const failures: Array<{ status: number; message: string }> = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      const send = (status: number, payload: unknown) => {
        requests.push({ method: req.method ?? "GET", path: url.pathname, status, body });
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      const error = (status: number, code: number, message: string) =>
        send(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
      if (!match || req.method !== "POST") return error(404, 20404, "The requested resource was not found");
      if (req.headers.authorization !== expectedAuth || match[1] !== accountSid)
        return error(401, 20003, "Authenticate");
      if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
        return error(400, 20001, "Content-Type must be application/x-www-form-urlencoded");
      const failure = failures.shift();
      if (failure) return error(failure.status, failure.status >= 500 ? 20500 : 21211, failure.message);
      if (!body.To || !/^\+[1-9]\d{7,14}$/.test(body.To))
        return error(400, 21211, `The 'To' number ${body.To ?? ""} is not a valid phone number.`);
      if (!body.From) return error(400, 21603, "A 'From' phone number is required.");
      if (!body.Body) return error(400, 21602, "Message body is required.");
      const sid = `SM${randomBytes(16).toString("hex")}`;
      messages.push({ sid, to: body.To, from: body.From, body: body.Body });
      return send(201, {
        sid,
        account_sid: accountSid,
        to: body.To,
        from: body.From,
        body: body.Body,
        status: "queued",
        num_segments: String(Math.ceil(body.Body.length / 153) || 1),
        date_created: new Date().toUTCString(),
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    accountSid,
    authToken,
    messages,
    requests,
    failNext(count, status = 500, message = status >= 500 ? "Internal Server Error" : "Bad request") {
      for (let i = 0; i < count; i++) failures.push({ status, message });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
  };
  const fake = await startSmsFake({
    port: Number(arg("port") ?? 3198),
    host: arg("host") ?? "127.0.0.1",
    accountSid: arg("sid") ?? "ACtest",
    authToken: arg("token") ?? "test-token",
  });
  console.log(`SMS fake (Twilio Messages API) listening on ${fake.url}, account ${fake.accountSid}`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
