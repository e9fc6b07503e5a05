// Stripe webhook: the raw body is read as text (server.js keeps compression off /webhooks/*) so the
// signature can be checked byte for byte. 400 bad payload, 401 bad signature, 200 handled,
// 204 ignored event type.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/services/payment.server";

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  const rawBody = await request.text();
  const result = await handleStripeWebhook({ rawBody, signature: request.headers.get("Stripe-Signature") });
  return new Response(result.status === 204 ? null : result.body, {
    status: result.status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
