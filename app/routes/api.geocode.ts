// GET /api/geocode?q=… — address search for signed-in users (the farm form's "Find address" and
// the map's "Centre on an address"). { results: [{ label, lat, lng }] }. Empty or too long query →
// 400; geocoder not configured → 404; geocoder failing → 502 with a message. Never a 500.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { lazyT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { GeocoderError, searchConfiguredAddress } from "~/integrations/geocoder.server";
import { requireUser } from "~/utils/session.server";

export const GeocodeQuerySchema = z.object({
  q: z
    .string({ error: lazyT("discover:geocode.queryRequired") })
    .trim()
    .min(1, { error: lazyT("discover:geocode.queryRequired") })
    .max(200, { error: lazyT("discover:geocode.queryTooLong", { max: 200 }) }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const t = serverT("discover");
  const url = new URL(request.url);
  const parsed = GeocodeQuerySchema.safeParse({ q: url.searchParams.get("q") ?? "" });
  if (!parsed.success)
    return json({ error: parsed.error.issues[0]?.message ?? t("geocode.badQuery") }, { status: 400 });
  try {
    const search = searchConfiguredAddress(parsed.data.q, {
      acceptLanguage: request.headers.get("Accept-Language") ?? undefined,
    });
    if (!search) return json({ error: t("geocode.unavailable") }, { status: 404 });
    const results = await search;
    return json({ results }, { headers: { "Cache-Control": "private, max-age=300" } });
  } catch (error) {
    if (error instanceof GeocoderError) return json({ error: error.message }, { status: 502 });
    console.error("geocoder", error);
    return json({ error: t("geocode.failed") }, { status: 502 });
  }
}
