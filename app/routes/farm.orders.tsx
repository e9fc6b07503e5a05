import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseAdjustForm } from "~/utils/adjust-form";
import { AdjustLineForm } from "~/components/orders/adjust-line";
import { adjustOrderLine } from "~/services/order-adjustment.server";
import { useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { Button } from "~/components/ui/button";
import { OrderCyclePicker } from "~/components/order-cycle-picker";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getFarmOrders } from "~/services/order-views.server";
import orderingCss from "~/styles/ordering.css";
import { requireRole } from "~/utils/session.server";
import type { Unit } from "~generated/prisma/enums.ts";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("orders.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const data = await getFarmOrders({ ownerId: user.id, cycleId: new URL(request.url).searchParams.get("cycle") });
  if (!data) throw new Response(serverT("farmer")("orders.cycleNotFound"), { status: 404 });
  // A one-time key per line form: a double submit of one form records one adjustment.
  return json({ ...data, lines: data.lines.map((line) => ({ ...line, formKey: crypto.randomUUID() })) });
}

/** Records what was packed for one line (docs/decisions/036); the service checks it is this farmer's line. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const t = serverT("farmer");
  const parsed = parseAdjustForm(await request.formData());
  if (!parsed.ok) return json({ ok: false as const, error: t(`orders.adjust.${parsed.problem}`) }, { status: 400 });
  const form = parsed.form;
  const result = await adjustOrderLine({
    userId: user.id,
    actor: { farmerId: user.id },
    lineId: form.lineId,
    version: form.version,
    requestKey: form.requestKey,
    input: {
      kind: form.kind,
      quantity: form.quantity,
      actualWeightKg: form.actualWeightKg,
      substituteProductId: form.substituteProductId,
    },
    note: form.note ?? "",
  });
  if (!result.ok) return json({ ok: false as const, error: result.message }, { status: result.status });
  return json({ ok: true as const, message: t("orders.adjust.saved", { number: result.orderNumber }) });
}

export default function FarmOrdersPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("farmer");
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t("orders.title")}
        description={
          data.cycle
            ? t("orders.description", { cycle: data.cycle.name, farms: data.farms.map((f) => f.name).join(", ") })
            : undefined
        }
        actions={
          data.cycle && data.lines.length > 0 ? (
            <>
              <Button variant="secondary" onClick={() => window.print()}>
                {t("orders.print")}
              </Button>
              <a
                className="btn btn-secondary"
                href={`/farm/orders.csv?cycle=${encodeURIComponent(data.cycle.id)}`}
                download
              >
                {t("orders.downloadCsv")}
              </a>
            </>
          ) : undefined
        }
      />
      <OrderCyclePicker cycles={data.cycles} selected={data.cycle?.id ?? null} />
      {data.lines.length === 0 ? (
        <EmptyState title={t("orders.empty.title")}>{t("orders.empty.body")}</EmptyState>
      ) : (
        <>
          <h2>{t("orders.toPick.title")}</h2>
          <p className="small muted no-print">
            <Trans t={t} i18nKey="orders.toPick.help" components={{ chilled: <ChilledMark /> }} />
          </p>
          <TableWrap className="pick-list" style={{ marginBottom: "1.5rem" }}>
            <table>
              <caption className="visually-hidden">{t("orders.toPick.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="pick-tick">
                    {t("orders.columns.picked")}
                  </th>
                  <th scope="col">{t("orders.columns.product")}</th>
                  <th scope="col" className="num">
                    {t("orders.columns.quantity")}
                  </th>
                  <th scope="col" className="num">
                    {t("orders.columns.weight")}
                  </th>
                  <th scope="col" className="num">
                    {t("orders.columns.orders")}
                  </th>
                  <th scope="col" className="num">
                    {t("orders.columns.value")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.totals.map((total) => (
                  <tr key={total.productName}>
                    <td className="pick-tick">
                      <input type="checkbox" aria-label={t("orders.toPick.picked", { product: total.productName })} />
                    </td>
                    <td>
                      {total.productName} {total.chilled ? <ChilledMark /> : null}
                    </td>
                    <td className="num">{format.quantity(total.quantityMilli, total.unit as Unit)}</td>
                    <td className="num">{format.weight(total.grams)}</td>
                    <td className="num">{format.number(total.orders)}</td>
                    <td className="num">{format.money(total.totalMinor, data.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h2>{t("orders.lines.title")}</h2>
          <TableWrap className="pick-list">
            <table>
              <caption className="visually-hidden">{t("orders.lines.title")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="pick-tick">
                    {t("orders.columns.picked")}
                  </th>
                  <th scope="col">{t("orders.columns.order")}</th>
                  <th scope="col">{t("orders.columns.buyer")}</th>
                  <th scope="col">{t("orders.columns.product")}</th>
                  <th scope="col" className="num">
                    {t("orders.columns.quantity")}
                  </th>
                  <th scope="col" className="num">
                    {t("orders.columns.value")}
                  </th>
                  {data.adjustable ? <th scope="col">{t("orders.columns.packed")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.lines.map((l) => (
                  <tr key={l.id}>
                    <td className="pick-tick">
                      <input
                        type="checkbox"
                        aria-label={t("orders.lines.picked", { number: l.orderNumber, product: l.productName })}
                      />
                    </td>
                    <td>{t("orders.lines.orderNumber", { number: l.orderNumber })}</td>
                    <td>{l.buyerName}</td>
                    <td>
                      {l.productName} {l.chilled ? <ChilledMark /> : null}{" "}
                      {l.wholesaleApplied ? (
                        <span className="badge badge-info">{t("orders.lines.wholesale")}</span>
                      ) : null}
                    </td>
                    <td className="num">
                      {format.quantity(l.quantityMilli, l.unit as Unit)}
                      {l.soldByWeight ? (
                        <span className="small muted block">
                          {l.ordered
                            ? format.quantity(l.grams, "KG")
                            : t("orders.adjust.about", { weight: format.weight(l.grams) })}
                        </span>
                      ) : null}
                    </td>
                    <td className="num">
                      {format.money(l.lineTotalMinor, data.currency)}
                      {l.ordered ? (
                        <span className="small muted block">
                          {t(
                            l.ordered.productName !== l.productName ? "orders.adjust.wasProduct" : "orders.adjust.was",
                            {
                              quantity: format.quantity(l.ordered.quantityMilli, l.unit as Unit),
                              product: l.ordered.productName,
                              total: format.money(l.ordered.totalMinor, data.currency),
                            },
                          )}
                        </span>
                      ) : null}
                    </td>
                    {data.adjustable ? (
                      <td>
                        {l.canAdjust ? (
                          <AdjustLineForm
                            line={l}
                            substitutes={data.substitutes.filter(
                              (p) => p.farmId === l.farmId && p.name !== l.productName,
                            )}
                          />
                        ) : (
                          <span className="small muted">{t("orders.adjust.notNow")}</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </>
  );
}

/** Chilled goods: a word and a symbol, never colour alone. */
function ChilledMark() {
  const { t } = useTranslation("farmer");
  return (
    <span className="badge badge-info chilled-mark">
      <span aria-hidden="true">❄ </span>
      {t("orders.chilled")}
    </span>
  );
}
