// The public farm page: story, certifications, pin, products with prices, distance from the buyer.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AddToBasket, addToBasketLinks } from "~/components/add-to-basket";
import { LazyFarmPinMap } from "~/components/map/lazy-map";
import { mapLinks } from "~/components/map/links";
import { PriceBlock, StockBadge } from "~/components/product/price";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { CATEGORY_LABELS, type ProductCategory } from "~/domain/catalogue";
import { formatDistance } from "~/domain/geo";
import { useOptionalUser } from "~/root";
import { getFarmPage, resolveCentre } from "~/services/discovery.server";
import discoveryCss from "~/styles/discovery.css";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [
  ...mapLinks(),
  { rel: "stylesheet", href: discoveryCss },
  ...addToBasketLinks,
];
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `${data.farm.name} — Foodshed` }, { name: "description", content: data.farm.story.slice(0, 160) }]
    : [{ title: "Farm not found — Foodshed" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  const hasPoint = url.searchParams.has("lat") || user?.lat != null;
  const from = hasPoint ? (await resolveCentre({ url, user })).centre : null;
  const page = await getFarmPage({
    slug: params.slug ?? "",
    from,
    showWholesale: user?.buyerKind === "RESTAURANT" || user?.role === "ADMIN",
  });
  if (!page) throw new Response("This farm is not listed.", { status: 404 });
  return json(page);
}

export default function FarmPage() {
  const { farm, products, distanceMetres } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const unit = user?.distanceUnit ?? "KM";
  const canBuy = !user || user.role === "BUYER";
  const byCategory = new Map<ProductCategory, typeof products>();
  for (const product of products)
    byCategory.set(product.category, [...(byCategory.get(product.category) ?? []), product]);
  return (
    <>
      <PageHeader
        title={farm.name}
        breadcrumbs={[{ to: "/map", label: "Producers map" }]}
        description={
          distanceMetres !== null ? `${formatDistance(distanceMetres, unit)} from you (straight line)` : undefined
        }
      />
      <div className="farm-hero">
        <div>
          {farm.certifications.length ? (
            <ul className="chips" aria-label="Certifications">
              {farm.certifications.map((certification) => (
                <li key={certification} className="badge badge-info">
                  {certification}
                </li>
              ))}
            </ul>
          ) : null}
          {farm.photoUrl ? <img src={farm.photoUrl} alt={`${farm.name}`} width={720} height={280} /> : null}
          {farm.story ? (
            farm.story.split(/\n{2,}/).map((paragraph, index) => <p key={index}>{paragraph}</p>)
          ) : (
            <p className="muted">This farm has not written its story yet.</p>
          )}
          {farm.contactEmail || farm.contactPhone ? (
            <p className="small">
              Contact: {farm.contactEmail ? <a href={`mailto:${farm.contactEmail}`}>{farm.contactEmail}</a> : null}
              {farm.contactEmail && farm.contactPhone ? " · " : null}
              {farm.contactPhone ? <a href={`tel:${farm.contactPhone}`}>{farm.contactPhone}</a> : null}
            </p>
          ) : null}
        </div>
        <div>
          <LazyFarmPinMap height="260px" lat={farm.lat} lng={farm.lng} name={farm.name} />
          <p className="small muted" style={{ marginTop: "0.4rem" }}>
            {farm.address ? `${farm.address} · ` : ""}
            {farm.lat.toFixed(4)}, {farm.lng.toFixed(4)}
          </p>
        </div>
      </div>
      <h2 style={{ marginTop: "1.5rem" }}>Products</h2>
      {products.length === 0 ? (
        <EmptyState title="Nothing for sale right now" action={<Link to="/map">Find other producers</Link>}>
          Seasonal products appear here when they are available.
        </EmptyState>
      ) : (
        [...byCategory.entries()].map(([category, items]) => (
          <section key={category} aria-labelledby={`cat-${category}`} style={{ marginBottom: "1.5rem" }}>
            <h3 id={`cat-${category}`}>{CATEGORY_LABELS[category]}</h3>
            <ul className="product-grid" style={{ listStyle: "none", padding: 0 }}>
              {items.map((product) => (
                <li key={product.id} className="product-card">
                  {product.photoUrl ? (
                    <img src={product.photoUrl} alt="" width={260} height={150} loading="lazy" />
                  ) : null}
                  <h4 style={{ margin: 0 }}>{product.name}</h4>
                  {product.description ? (
                    <p className="small muted" style={{ margin: 0 }}>
                      {product.description}
                    </p>
                  ) : null}
                  <PriceBlock
                    currency={farm.currency}
                    unit={product.unit}
                    priceMinor={product.priceMinor}
                    pricePerKgMinor={product.pricePerKgMinor}
                    wholesalePriceMinor={product.wholesalePriceMinor}
                    wholesaleMinMilli={product.wholesaleMinMilli}
                  />
                  <div className="row" style={{ gap: "0.3rem" }}>
                    <StockBadge stockMilli={product.stockMilli} unit={product.unit} />
                    {product.chilled ? <span className="badge badge-info">Chilled</span> : null}
                  </div>
                  {canBuy ? (
                    <AddToBasket
                      productId={product.id}
                      unit={product.unit}
                      productName={product.name}
                      maxMilli={product.stockMilli}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
