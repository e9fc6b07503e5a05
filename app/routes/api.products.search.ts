// GET /api/products/search?q=eggs&lat=51.45&lng=-2.59&r=20[&cat][&stock=1][&sort=distance|relevance|price]
// Products within the radius, nearest first, with price per unit and per kg; `total` counts up to
// SEARCH_TOTAL_CAP matches and `totalCapped` says there are more. Bad input → 400.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseDiscoveryQuery } from "~/domain/search-query";
import { resolveCentre, searchProducts } from "~/services/discovery.server";
import { getUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = parseDiscoveryQuery(url.searchParams);
  if (!query.ok) return json({ errors: query.errors }, { status: 400 });
  const user = await getUser(request);
  const { centre } = await resolveCentre({ url, user });
  const { results, total, totalCapped } = await searchProducts({
    centre,
    radiusKm: query.value.radiusKm,
    q: query.value.q,
    category: query.value.category,
    inStock: query.value.inStock,
    sort: query.value.sort,
    showWholesale: user?.buyerKind === "RESTAURANT",
  });
  return json({ centre, total, totalCapped, results }, { headers: { "Cache-Control": "private, max-age=30" } });
}
