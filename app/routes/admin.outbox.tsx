import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { getOutbox } from "~/services/order-views.server";
import orderingCss from "~/styles/ordering.css";
import { requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "admin")("outbox.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json({ messages: await getOutbox() });
}

export default function OutboxPage() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const format = useFormat();
  return (
    <>
      <PageHeader title={t("outbox.title")} description={t("outbox.description")} />
      {messages.length === 0 ? (
        <EmptyState title={t("outbox.empty")} />
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("outbox.columns.when")}</th>
                <th scope="col">{t("outbox.columns.to")}</th>
                <th scope="col">{t("outbox.columns.message")}</th>
                <th scope="col">{t("outbox.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{format.dateTime(m.createdAt)}</td>
                  <td>{m.to}</td>
                  <td>
                    <details>
                      <summary>
                        {m.subject} <span className="small muted">({m.kind.split(":")[0]})</span>
                      </summary>
                      <p className="outbox-text">{m.text}</p>
                    </details>
                  </td>
                  <td>
                    <span
                      className={`badge ${m.status === "FAILED" ? "badge-danger" : m.status === "OUTBOX" ? "badge-neutral" : ""}`}
                    >
                      {m.status === "OUTBOX"
                        ? t("outbox.status.OUTBOX")
                        : m.status === "SENT"
                          ? t("outbox.status.SENT")
                          : t("outbox.status.FAILED")}
                    </span>
                    {m.error ? <div className="small muted">{m.error}</div> : null}
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
