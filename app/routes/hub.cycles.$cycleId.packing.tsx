// The hub's packing page of a cycle (docs/decisions/036): every line that counts, by order, with
// the same "what was packed" form as the farmer's pick list — for hubs that weigh and pack the
// farms' goods themselves. The service checks the line belongs to an order of this hub.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { AdjustLineForm } from "~/components/orders/adjust-line";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { TableWrap } from "~/components/ui/table-wrap";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { findCycleForHub } from "~/models/hub.server";
import { adjustOrderLine, getCyclePacking } from "~/services/order-adjustment.server";
import coordinatorCss from "~/styles/coordinator.css";
import orderingCss from "~/styles/ordering.css";
import { parseAdjustForm } from "~/utils/adjust-form";
import { requireHub } from "~/utils/hub-guard.server";
import type { Unit } from "~generated/prisma/enums.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coordinatorCss },
  { rel: "stylesheet", href: orderingCss },
];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("packing.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response(serverT("hub")("reports.cycleNotFound"), { status: 404 });
  const packing = await getCyclePacking({ hubId: hub.id, cycle });
  return json({
    cycle: { id: cycle.id, name: cycle.name },
    currency: hub.currency,
    adjustable: packing.adjustable,
    substitutes: packing.substitutes,
    // A one-time key per line form: a double submit of one form records one adjustment.
    lines: packing.lines.map((line) => ({ ...line, formKey: crypto.randomUUID() })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { hub, user } = await requireHub(request);
  const t = serverT("farmer");
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response(serverT("hub")("reports.cycleNotFound"), { status: 404 });
  const parsed = parseAdjustForm(await request.formData());
  if (!parsed.ok) return json({ ok: false as const, error: t(`orders.adjust.${parsed.problem}`) }, { status: 400 });
  const form = parsed.form;
  const result = await adjustOrderLine({
    userId: user.id,
    actor: { hubId: hub.id },
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

export default function PackingPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t("packing.title")}
        description={t("packing.description", { cycle: data.cycle.name })}
        breadcrumbs={[
          { to: "/hub/cycles", label: t("common:nav.cycles") },
          { to: `/hub/cycles/${data.cycle.id}`, label: data.cycle.name },
        ]}
      />
      {!data.adjustable ? <p className="card small">{t("packing.beforeCutoff")}</p> : null}
      {data.lines.length === 0 ? (
        <EmptyState title={t("packing.empty.title")}>{t("packing.empty.body")}</EmptyState>
      ) : (
        <TableWrap className="pick-list">
          <table>
            <caption className="visually-hidden">{t("packing.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("packing.columns.order")}</th>
                <th scope="col">{t("packing.columns.buyer")}</th>
                <th scope="col">{t("packing.columns.farm")}</th>
                <th scope="col">{t("packing.columns.product")}</th>
                <th scope="col" className="num">
                  {t("packing.columns.quantity")}
                </th>
                <th scope="col" className="num">
                  {t("packing.columns.value")}
                </th>
                {data.adjustable ? <th scope="col">{t("packing.columns.packed")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.lines.map((l) => (
                <tr key={l.id}>
                  <td>{t("packing.orderNumber", { number: l.orderNumber })}</td>
                  <td>{l.buyerName}</td>
                  <td>{l.farmName}</td>
                  <td>{l.productName}</td>
                  <td className="num">
                    {format.quantity(l.quantityMilli, l.unit as Unit)}
                    {l.soldByWeight ? (
                      <span className="small muted block">
                        {l.ordered
                          ? format.quantity(l.grams, "KG")
                          : t("packing.about", { weight: format.weight(l.grams) })}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">
                    {format.money(l.lineTotalMinor, data.currency)}
                    {l.ordered ? (
                      <span className="small muted block">
                        {t("packing.was", {
                          quantity: format.quantity(l.ordered.quantityMilli, l.unit as Unit),
                          total: format.money(l.ordered.totalMinor, data.currency),
                        })}
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
                        <span className="small muted">{t("packing.notNow")}</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="no-print">
        <Link to={`/hub/cycles/${data.cycle.id}`}>{t("packing.back")}</Link>
      </p>
    </>
  );
}
