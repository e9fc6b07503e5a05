// The public farm page: story, certifications, pin, products with prices, distance from the buyer.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AddToBasket, addToBasketLinks } from "~/components/add-to-basket";
import { useFormat } from "~/components/i18n";
import { LazyFarmPinMap } from "~/components/map/lazy-map";
import { mapLinks } from "~/components/map/links";
import { PriceBlock, StockBadge } from "~/components/product/price";
import { EmptyState, PageHeader } from "~/components/ui/page";
import type { ProductCategory } from "~/domain/catalogue";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { useOptionalUser } from "~/root";
import { getFarmPage, resolveCentre } from "~/services/discovery.server";
import discoveryCss from "~/styles/discovery.css";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [
  ...mapLinks(),
  { rel: "stylesheet", href: discoveryCss },
  ...addToBasketLinks,
];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "discover");
  return data
    ? [
        { title: t("farm.metaTitle", { name: data.farm.name }) },
        { name: "description", content: data.farm.story.slice(0, 160) },
      ]
    : [{ title: t("farm.metaTitleNotFound") }];
};

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
  if (!page) throw new Response(serverT("discover")("farm.notFound"), { status: 404 });
  return json(page);
}

export default function FarmPage() {
  const { farm, products, distanceMetres } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const unit = user?.distanceUnit ?? "KM";
  const canBuy = !user || user.role === "BUYER";
  const { t } = useTranslation("discover");
  const format = useFormat();
  const byCategory = new Map<ProductCategory, typeof products>();
  for (const product of products)
    byCategory.set(product.category, [...(byCategory.get(product.category) ?? []), product]);
  return (
    <>
      <PageHeader
        title={farm.name}
        breadcrumbs={[{ to: "/map", label: t("common:nav.producersMap") }]}
        description={
          distanceMetres !== null
            ? t("farm.distanceFromYou", { distance: format.distance(distanceMetres, unit) })
            : undefined
        }
      />
      <div className="farm-hero">
        <div>
          {farm.certifications.length ? (
            <ul className="chips" aria-label={t("farm.certifications")}>
              {farm.certifications.map((certification) => (
                <li key={certification} className="badge badge-info">
                  {certification}
                </li>
              ))}
            </ul>
          ) : null}
          {farm.photoUrl ? <img src={farm.photoUrl} alt={farm.name} width={720} height={280} /> : null}
          {farm.story ? (
            farm.story.split(/\n{2,}/).map((paragraph, index) => <p key={index}>{paragraph}</p>)
          ) : (
            <p className="muted">{t("farm.noStory")}</p>
          )}
          {farm.contactEmail || farm.contactPhone ? (
            <p className="small">
              {t("farm.contact")}{" "}
              {farm.contactEmail ? <a href={`mailto:${farm.contactEmail}`}>{farm.contactEmail}</a> : null}
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
      <h2 style={{ marginTop: "1.5rem" }}>{t("farm.products")}</h2>
      {products.length === 0 ? (
        <EmptyState title={t("farm.empty.title")} action={<Link to="/map">{t("farm.empty.action")}</Link>}>
          {t("farm.empty.body")}
        </EmptyState>
      ) : (
        [...byCategory.entries()].map(([category, items]) => (
          <section key={category} aria-labelledby={`cat-${category}`} style={{ marginBottom: "1.5rem" }}>
            <h3 id={`cat-${category}`}>{t(`categories.${category}`)}</h3>
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
                    estimatedGrams={product.estimatedGrams}
                    wholesalePriceMinor={product.wholesalePriceMinor}
                    wholesaleMinMilli={product.wholesaleMinMilli}
                  />
                  <div className="row" style={{ gap: "0.3rem" }}>
                    <StockBadge stockMilli={product.stockMilli} unit={product.unit} />
                    {product.chilled ? <span className="badge badge-info">{t("farm.chilled")}</span> : null}
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
