// Serves proof-of-delivery photos (docs/decisions/032) to the buyer of the order, the hub's
// coordinator and the route's driver; anyone else — signed in or not — gets 404, as for a photo
// that does not exist. Never cached by shared caches.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readProofPhoto } from "~/services/delivery.server";
import { getUserId } from "~/utils/session.server";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = await getUserId(request);
  if (!userId) return notFound();
  const image = await readProofPhoto({ name: params.name ?? "", userId });
  if (!image) return notFound();
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.length),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
