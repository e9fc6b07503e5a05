// GET /api/farms?bbox=minLng,minLat,maxLng,maxLat[&lat&lng&r][&q][&cat][&stock=1]
// Farms in the map view as the map payload (domain/map-payload: a version, the field names and
// compact rows), sent as the discovery index wrote it. Bad input → 400 { errors }.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseBbox, parseDiscoveryQuery } from "~/domain/search-query";
import { getMapFarmsJson } from "~/services/discovery.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const bbox = parseBbox(url.searchParams.get("bbox"));
  const query = parseDiscoveryQuery(url.searchParams);
  if (!bbox.ok || !query.ok) {
    const errors = { ...(bbox.ok ? {} : { bbox: bbox.error }), ...(query.ok ? {} : query.errors) };
    return json({ errors }, { status: 400 });
  }
  const { lat, lng, radiusKm, category, q, inStock } = query.value;
  const centre = lat !== undefined && lng !== undefined ? { lat, lng } : undefined;
  const hasRadius = url.searchParams.has("r") && centre;
  // The index writes the payload's JSON text (discovery service): sent as it is, not parsed and re-serialised.
  const body = await getMapFarmsJson({
    view: bbox.value,
    filter: { centre, radiusKm: hasRadius ? radiusKm : undefined, category, q, inStock },
  });
  return new Response(body, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=30" },
  });
}
