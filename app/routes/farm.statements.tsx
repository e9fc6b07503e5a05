// The farmer's statements (docs/decisions/037): every approved statement of their own farm, newest
// cycle first, with gross, commission, net and whether and how it was paid. A statement's own page
// (farm.statements.$statementId) renders in place of the list.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useOutlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { Card, EmptyState, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { listOwnStatements } from "~/services/statement.server";
import discoveryCss from "~/styles/discovery.css";
import { requireOwnFarm } from "~/utils/farm-guard.server";
import { requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("statements.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  return json({ farm: { name: farm.name }, statements: await listOwnStatements({ ownerId: user.id }) });
}

export default function FarmStatementsPage() {
  const outlet = useOutlet();
  const { farm, statements } = useLoaderData<typeof loader>();
  const { t } = useTranslation("farmer");
  const format = useFormat();
  if (outlet) return outlet;
  return (
    <>
      <PageHeader
        title={t("statements.title")}
        description={t("statements.description", { name: farm.name })}
        breadcrumbs={[{ to: "/farm", label: t("common:nav.myFarm") }]}
      />
      {statements.length === 0 ? (
        <EmptyState title={t("statements.emptyTitle")}>{t("statements.empty")}</EmptyState>
      ) : (
        <Card>
          <div className="table-wrap">
            <table data-testid="farm-statements">
              <caption className="visually-hidden">{t("statements.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("statements.cycle")}</th>
                  <th scope="col" className="num">
                    {t("statements.gross")}
                  </th>
                  <th scope="col" className="num">
                    {t("statements.commission")}
                  </th>
                  <th scope="col" className="num">
                    {t("statements.net")}
                  </th>
                  <th scope="col">{t("statements.payout")}</th>
                </tr>
              </thead>
              <tbody>
                {statements.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/farm/statements/${s.id}`}>{s.cycleName}</Link>
                      <br />
                      <span className="small muted">{format.date(s.deliveryDate)}</span>
                    </td>
                    <td className="num">{format.money(s.grossMinor, s.currency)}</td>
                    <td className="num">{format.money(0 - s.commissionMinor, s.currency)}</td>
                    <td className="num">
                      <strong>{format.money(s.netMinor, s.currency)}</strong>
                    </td>
                    <td>
                      {s.status === "PAID"
                        ? s.payoutMethod === "STRIPE"
                          ? t("statements.paidStripe", { date: format.date(s.paidAt ?? s.deliveryDate) })
                          : t("statements.paidBank", { date: format.date(s.paidAt ?? s.deliveryDate) })
                        : t("statements.approvedUnpaid")}
                      {s.reversedMinor > 0 ? (
                        <>
                          <br />
                          <span className="small">
                            {t("statements.reversed", { amount: format.money(s.reversedMinor, s.currency) })}
                          </span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      <p>
        <Link to="/farm">{t("payouts.back")}</Link>
      </p>
    </>
  );
}
