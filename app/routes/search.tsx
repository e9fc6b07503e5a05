// Product search across all farms, nearest first, with price per unit and per kg.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AddToBasket, addToBasketLinks } from "~/components/add-to-basket";
import { PriceBlock, StockBadge } from "~/components/product/price";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { CATEGORY_LABELS, PRODUCT_CATEGORIES } from "~/domain/catalogue";
import { formatDistance } from "~/domain/geo";
import { RADIUS_CHOICES_KM } from "~/domain/search";
import { discoverySearchParams, readDiscoveryQuery } from "~/domain/search-query";
import { useOptionalUser } from "~/root";
import { resolveCentre, searchProducts } from "~/services/discovery.server";
import discoveryCss from "~/styles/discovery.css";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }, ...addToBasketLinks];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.query.q ? `“${data.query.q}” near you — Foodshed` : "Find food near you — Foodshed" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = readDiscoveryQuery(url.searchParams);
  const user = await getUser(request);
  const { centre, source } = await resolveCentre({ url, user });
  const { results, total, totalCapped } = await searchProducts({
    centre,
    radiusKm: query.radiusKm,
    q: query.q,
    category: query.category,
    inStock: query.inStock,
    sort: query.sort,
    showWholesale: user?.buyerKind === "RESTAURANT",
  });
  return json({ query, centre, source, results, total, totalCapped });
}

const SOURCE_TEXT = {
  url: "the point you chose",
  saved: "your saved address",
  hub: "the food hub",
  default: "Bristol",
} as const;

export default function SearchPage() {
  const { query, centre, source, results, total, totalCapped } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const unit = user?.distanceUnit ?? "KM";
  const canBuy = !user || user.role === "BUYER";
  return (
    <>
      <PageHeader
        title="Find food near you"
        description={`Products from farms within ${query.radiusKm} km of ${SOURCE_TEXT[source]}, nearest first. Distances are in a straight line.`}
        actions={
          <Link
            to={`/map?${discoverySearchParams({ ...query, lat: centre.lat, lng: centre.lng })}`}
            className="btn btn-secondary"
          >
            Show on the map
          </Link>
        }
      />
      <Form
        method="get"
        role="search"
        aria-label="Search products"
        className="card row"
        style={{ alignItems: "flex-end" }}
      >
        {source === "url" ? (
          <>
            <input type="hidden" name="lat" value={centre.lat} />
            <input type="hidden" name="lng" value={centre.lng} />
          </>
        ) : null}
        <div className="field" style={{ flex: "2 1 220px" }}>
          <label htmlFor="search-q">Product or farm</label>
          <input
            id="search-q"
            name="q"
            type="search"
            className="input"
            defaultValue={query.q ?? ""}
            placeholder="e.g. eggs, carrots, sourdough"
          />
        </div>
        <div className="field">
          <label htmlFor="search-cat">Category</label>
          <select id="search-cat" name="cat" className="input" defaultValue={query.category ?? ""}>
            <option value="">All categories</option>
            {PRODUCT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {CATEGORY_LABELS[category]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-r">Within</label>
          <select id="search-r" name="r" className="input" defaultValue={String(query.radiusKm)}>
            {RADIUS_CHOICES_KM.map((km) => (
              <option key={km} value={km}>
                {km} km
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-sort">Sort by</label>
          <select id="search-sort" name="sort" className="input" defaultValue={query.sort}>
            <option value="distance">Nearest</option>
            <option value="relevance">Best match</option>
            <option value="price">Lowest price</option>
          </select>
        </div>
        <div className="field field-checkbox" style={{ alignSelf: "center" }}>
          <input id="search-stock" name="stock" type="checkbox" value="1" defaultChecked={query.inStock} />
          <label htmlFor="search-stock">In stock only</label>
        </div>
        <button type="submit" className="btn btn-primary">
          Search
        </button>
      </Form>
      <p role="status" className="muted">
        {total === 0
          ? ""
          : `${totalCapped ? `More than ${total}` : total} product${total === 1 && !totalCapped ? "" : "s"} found${totalCapped || total > results.length ? `; showing the ${results.length} nearest` : ""}.`}
      </p>
      {results.length === 0 ? (
        <EmptyState title={query.q ? `Nothing matching “${query.q}” within ${query.radiusKm} km` : "No products found"}>
          Try a bigger radius, another spelling, or all categories.
        </EmptyState>
      ) : (
        <ul className="results" aria-label="Products">
          {results.map((result) => (
            <li key={result.id} className="result">
              <div>
                <h3>{result.name}</h3>
                <p className="small" style={{ margin: 0 }}>
                  <Link to={`/farms/${result.farmSlug}`}>{result.farmName}</Link> ·{" "}
                  {formatDistance(result.distanceMetres, unit)} away (straight line) ·{" "}
                  {CATEGORY_LABELS[result.category]}
                </p>
                <StockBadge stockMilli={result.stockMilli} unit={result.unit} />
              </div>
              <div className="result-price">
                <PriceBlock
                  currency={result.currency}
                  unit={result.unit}
                  priceMinor={result.priceMinor}
                  pricePerKgMinor={result.pricePerKgMinor}
                  wholesalePriceMinor={result.wholesalePriceMinor}
                  wholesaleMinMilli={result.wholesaleMinMilli}
                />
              </div>
              {canBuy ? (
                <div className="result-actions">
                  <AddToBasket
                    productId={result.id}
                    unit={result.unit}
                    productName={result.name}
                    maxMilli={result.stockMilli}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
