// Serves stored photos. Names are random and never reused, so responses are cacheable forever.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readImage } from "~/services/upload.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const image = await readImage(params.name ?? "");
  if (!image) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
