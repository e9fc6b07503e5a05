// The SMTP integration against a small local SMTP server (the real nodemailer on our side): the
// message arrives with its sender, recipient, subject and text.
import { vi } from "vitest";

// The environment is read once: the server starts, and SMTP_URL names it, before any app import.
const smtp = vi.hoisted(async () => {
  const net = await import("node:net");
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let buffer = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        const end = data ? buffer.indexOf("\r\n.\r\n") : buffer.indexOf("\r\n");
        if (end === -1) break;
        if (data) {
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          socket.write("250 queued\r\n");
          continue;
        }
        const verb = buffer.slice(0, 4).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === "EHLO" || verb === "HELO") socket.write("250 test\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Foodshed <hub@foodshed.test>";
  return { server, received };
});

import { afterAll, expect, it } from "vitest";
import { sendMail } from "~/integrations/mailer.server";

afterAll(async () => {
  const { server } = await smtp;
  await new Promise((resolve) => server.close(resolve));
});

it("sends a message through SMTP", async () => {
  const { received } = await smtp;
  await sendMail({ to: "buyer@example.test", subject: "Your order", text: "It is on its way." });
  expect(received).toHaveLength(1);
  expect(received[0]).toMatch(/^From: Foodshed <hub@foodshed.test>$/m);
  expect(received[0]).toMatch(/^To: buyer@example.test$/m);
  expect(received[0]).toMatch(/^Subject: Your order$/m);
  expect(received[0]).toContain("It is on its way.");
});
