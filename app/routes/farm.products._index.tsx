import { DEFAULT_CURRENCY } from "~/domain/money";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { z } from "zod";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { isInSeason, pricePerKgMinor, type Unit } from "~/domain/catalogue";
import { milliToInput, parseQuantityToMilli, quantityStep } from "~/domain/quantity";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { countArchivedProducts, listProductsForFarm } from "~/models/product.server";
import { changeStock } from "~/services/product.server";
import { requireOwnFarm } from "~/utils/farm-guard.server";
import { photoUrl } from "~/services/upload.server";
import discoveryCss from "~/styles/discovery.css";
import { requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("products.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  const archived = new URL(request.url).searchParams.get("show") === "archived";
  const [products, archivedCount] = await Promise.all([
    listProductsForFarm({ farmId: farm.id, archived }),
    countArchivedProducts({ farmId: farm.id }),
  ]);
  const now = new Date();
  return json({
    currency: farm.hub?.currency ?? DEFAULT_CURRENCY,
    archived,
    archivedCount,
    products: products.map((product) => ({
      id: product.id,
      name: product.name,
      category: product.category,
      unit: product.unit,
      retailPriceMinor: product.retailPriceMinor,
      pricePerKgMinor: pricePerKgMinor(product.retailPriceMinor, product.gramsPerUnit),
      stockMilli: product.stockMilli,
      lowStockMilli: product.lowStockMilli,
      inSeason: isInSeason(product, now),
      photoUrl: photoUrl(product.photoPath, "small"),
    })),
  });
}

type StockActionData =
  | { ok: true; productId: string; stockMilli: number }
  | { ok: false; productId: string; error: string; stockMilli?: number };

/** Quick stock adjustment from the list: intent=stock, productId, stock (in units). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  const formData = await request.formData();
  const t = serverT("farmer");
  const productId = String(formData.get("productId") ?? "");
  if (formData.get("intent") !== "stock" || !productId)
    return json<StockActionData>({ ok: false, productId, error: t("products.unknownAction") }, { status: 400 });
  const parsed = parseQuantityToMilli(String(formData.get("stock") ?? ""), { label: t("products.quickStock.label") });
  if (!parsed.ok) return json<StockActionData>({ ok: false, productId, error: parsed.error }, { status: 400 });
  // The stock the row showed (hidden field): the new figure is written only if it is still that.
  const loaded = z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number)
    .safeParse(formData.get("loadedStockMilli"));
  if (!loaded.success)
    return json<StockActionData>({ ok: false, productId, error: t("products.quickStock.outOfDate") }, { status: 400 });
  const result = await changeStock({
    farmId: farm.id,
    productId,
    change: { setMilli: parsed.value, expectedMilli: loaded.data },
  });
  if (!result.ok)
    return json<StockActionData>(
      { ok: false, productId, error: result.message, stockMilli: result.stockMilli },
      { status: result.status },
    );
  return json<StockActionData>({ ok: true, productId, stockMilli: result.stockMilli });
}

function QuickStock({ id, name, unit, stockMilli }: { id: string; name: string; unit: Unit; stockMilli: number }) {
  const { t } = useTranslation("farmer");
  const fetcher = useFetcher<StockActionData>();
  const inputId = useId();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const error = result && !result.ok ? result.error : null;
  // The stock this row showed when the page was opened; it moves only with this row's own answers
  // (saved, or "changed meanwhile: now N"), never with a reload of the list in the background.
  const [loadedStock, setLoadedStock] = useState(stockMilli);
  useEffect(() => {
    if (result && typeof result.stockMilli === "number") setLoadedStock(result.stockMilli);
  }, [result]);
  return (
    <fetcher.Form method="post" className="stock-form">
      <input type="hidden" name="intent" value="stock" />
      <input type="hidden" name="loadedStockMilli" value={loadedStock} />
      <input type="hidden" name="productId" value={id} />
      <label htmlFor={inputId} className="visually-hidden">
        {t("products.quickStock.inputLabel", { name, unit: t(`units.code.${unit}`) })}
      </label>
      <input
        id={inputId}
        name="stock"
        className="input"
        inputMode="decimal"
        type="number"
        min="0"
        step={quantityStep(unit)}
        defaultValue={milliToInput(stockMilli)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
      />
      <button type="submit" className="btn btn-secondary btn-small" disabled={fetcher.state !== "idle"}>
        {fetcher.state !== "idle" ? (
          t("common:actions.saving")
        ) : (
          <Trans
            t={t}
            i18nKey="products.quickStock.set"
            values={{ name }}
            components={{ hidden: <span className="visually-hidden" /> }}
          />
        )}
      </button>
      <span role="status" className="small">
        {error ? (
          <span id={`${inputId}-error`} className="field-errors">
            {error}
          </span>
        ) : result?.ok ? (
          <span className="muted">{t("products.quickStock.saved")}</span>
        ) : null}
      </span>
    </fetcher.Form>
  );
}

export default function ProductsPage() {
  const { products, archived, archivedCount, currency } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("farmer");
  const format = useFormat();
  const archivedList = archived || Boolean(searchParams.get("show"));
  return (
    <>
      <PageHeader
        title={t("products.title")}
        breadcrumbs={[{ to: "/farm", label: t("common:nav.myFarm") }]}
        actions={
          <>
            <Link to="/farm/products/new" className="btn btn-primary">
              {t("products.addProduct")}
            </Link>
            <Link to="/farm/products/import" className="btn btn-secondary">
              {t("products.importCsv")}
            </Link>
            <a href="/farm/products.csv" className="btn btn-secondary" download>
              {t("products.exportCsv")}
            </a>
          </>
        }
      />
      <nav className="tabs" aria-label={t("products.tabs.label")}>
        <Link to="/farm/products" aria-current={!archived ? "page" : undefined}>
          {t("products.tabs.listed")}
        </Link>
        <Link to="/farm/products?show=archived" aria-current={archived ? "page" : undefined}>
          {t("products.tabs.archived", { number: archivedCount })}
        </Link>
      </nav>
      {products.length === 0 ? (
        archivedList ? (
          <EmptyState title={t("products.noArchived.title")}>{t("products.noArchived.body")}</EmptyState>
        ) : (
          <EmptyState
            title={t("products.noProducts.title")}
            action={
              <Link to="/farm/products/new" className="btn btn-primary">
                {t("products.noProducts.addFirst")}
              </Link>
            }
          >
            {t("products.noProducts.body")}
          </EmptyState>
        )
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">
              {archived ? t("products.caption.archived") : t("products.caption.listed")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("products.columns.product")}</th>
                <th scope="col">{t("products.columns.category")}</th>
                <th scope="col" className="num">
                  {t("products.columns.price")}
                </th>
                <th scope="col" className="num">
                  {t("products.columns.perKg")}
                </th>
                <th scope="col">{t("products.columns.stock")}</th>
              </tr>
            </thead>
            <tbody>
              {products.map((product) => (
                <tr key={product.id}>
                  <td className="product-name-cell">
                    {product.photoUrl ? (
                      <img src={product.photoUrl} alt="" className="product-thumb" width={40} height={40} />
                    ) : null}
                    <Link to={`/farm/products/${product.id}`}>{product.name}</Link>
                    <div className="row" style={{ gap: "0.3rem", marginTop: "0.2rem" }}>
                      {product.stockMilli === 0 ? (
                        <span className="badge badge-danger">{t("products.badges.soldOut")}</span>
                      ) : null}
                      {product.stockMilli > 0 && product.stockMilli <= product.lowStockMilli ? (
                        <span className="badge badge-warning">{t("products.badges.lowStock")}</span>
                      ) : null}
                      {!product.inSeason ? (
                        <span className="badge badge-neutral">{t("products.badges.outOfSeason")}</span>
                      ) : null}
                    </div>
                  </td>
                  <td>{t(`categories.${product.category}`)}</td>
                  <td className="num">
                    {format.money(product.retailPriceMinor, currency)}{" "}
                    <span className="muted small">{t(`units.per.${product.unit}`)}</span>
                  </td>
                  <td className="num">
                    {product.pricePerKgMinor === null ? "—" : format.money(product.pricePerKgMinor, currency)}
                  </td>
                  <td>
                    {archived ? (
                      format.quantity(product.stockMilli, product.unit)
                    ) : (
                      <QuickStock
                        id={product.id}
                        name={product.name}
                        unit={product.unit}
                        stockMilli={product.stockMilli}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
