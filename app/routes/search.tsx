// Product search across all farms, nearest first, with price per unit and per kg.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AddToBasket, addToBasketLinks } from "~/components/add-to-basket";
import { useFormat } from "~/components/i18n";
import { PriceBlock, StockBadge } from "~/components/product/price";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { PRODUCT_CATEGORIES } from "~/domain/catalogue";
import { RADIUS_CHOICES_KM } from "~/domain/search";
import { discoverySearchParams, readDiscoveryQuery } from "~/domain/search-query";
import { metaT } from "~/i18n/i18n";
import { useOptionalUser } from "~/root";
import { resolveCentre, searchProducts } from "~/services/discovery.server";
import discoveryCss from "~/styles/discovery.css";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }, ...addToBasketLinks];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "discover");
  return [{ title: data?.query.q ? t("search.metaTitleQuery", { q: data.query.q }) : t("search.metaTitle") }];
};

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

export default function SearchPage() {
  const { query, centre, source, results, total, totalCapped } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const unit = user?.distanceUnit ?? "KM";
  const canBuy = !user || user.role === "BUYER";
  const { t } = useTranslation("discover");
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t("search.title")}
        description={t(`search.description.${source}`, { km: format.number(query.radiusKm) })}
        actions={
          <Link
            to={`/map?${discoverySearchParams({ ...query, lat: centre.lat, lng: centre.lng })}`}
            className="btn btn-secondary"
          >
            {t("search.showOnMap")}
          </Link>
        }
      />
      <Form
        method="get"
        role="search"
        aria-label={t("search.formLabel")}
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
          <label htmlFor="search-q">{t("filter.q")}</label>
          <input
            id="search-q"
            name="q"
            type="search"
            className="input"
            defaultValue={query.q ?? ""}
            placeholder={t("search.qPlaceholder")}
          />
        </div>
        <div className="field">
          <label htmlFor="search-cat">{t("filter.category")}</label>
          <select id="search-cat" name="cat" className="input" defaultValue={query.category ?? ""}>
            <option value="">{t("filter.allCategories")}</option>
            {PRODUCT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`categories.${category}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-r">{t("filter.within")}</label>
          <select id="search-r" name="r" className="input" defaultValue={String(query.radiusKm)}>
            {RADIUS_CHOICES_KM.map((km) => (
              <option key={km} value={km}>
                {t("filter.radiusKm", { km: format.number(km) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-sort">{t("search.sort.label")}</label>
          <select id="search-sort" name="sort" className="input" defaultValue={query.sort}>
            <option value="distance">{t("search.sort.distance")}</option>
            <option value="relevance">{t("search.sort.relevance")}</option>
            <option value="price">{t("search.sort.price")}</option>
          </select>
        </div>
        <div className="field field-checkbox" style={{ alignSelf: "center" }}>
          <input id="search-stock" name="stock" type="checkbox" value="1" defaultChecked={query.inStock} />
          <label htmlFor="search-stock">{t("filter.inStock")}</label>
        </div>
        <button type="submit" className="btn btn-primary">
          {t("common:actions.search")}
        </button>
      </Form>
      <p role="status" className="muted">
        {total === 0
          ? ""
          : totalCapped
            ? t("search.foundCapped", { count: total, shown: format.number(results.length) })
            : total > results.length
              ? t("search.foundPartial", { count: total, shown: format.number(results.length) })
              : t("search.found", { count: total })}
      </p>
      {results.length === 0 ? (
        <EmptyState
          title={
            query.q
              ? t("search.empty.titleQuery", { q: query.q, km: format.number(query.radiusKm) })
              : t("search.empty.title")
          }
        >
          {t("search.empty.body")}
        </EmptyState>
      ) : (
        <ul className="results" aria-label={t("search.results")}>
          {results.map((result) => (
            <li key={result.id} className="result">
              <div>
                <h3>{result.name}</h3>
                <p className="small" style={{ margin: 0 }}>
                  <Link to={`/farms/${result.farmSlug}`}>{result.farmName}</Link> ·{" "}
                  {t("distanceAway", { distance: format.distance(result.distanceMetres, unit) })} ·{" "}
                  {t(`categories.${result.category}`)}
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
