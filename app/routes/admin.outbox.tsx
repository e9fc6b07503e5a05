import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { listSmsMessages } from "~/models/sms.server";
import { getOutbox } from "~/services/order-views.server";
import orderingCss from "~/styles/ordering.css";
import { requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "admin")("outbox.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const [messages, texts] = await Promise.all([getOutbox(), listSmsMessages()]);
  return json({ messages, texts });
}

export default function OutboxPage() {
  const { messages, texts } = useLoaderData<typeof loader>();
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
      <SmsOutbox texts={texts} />
    </>
  );
}

/** Text messages (docs/decisions/033): like the emails, stored first; without a provider they stay here. */
function SmsOutbox({
  texts,
}: {
  texts: Array<{
    id: string;
    to: string;
    text: string;
    kind: string;
    status: "OUTBOX" | "SENT" | "FAILED";
    attempts: number;
    error: string | null;
    createdAt: string;
  }>;
}) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  return (
    <section aria-labelledby="sms-outbox-title" style={{ marginTop: "2rem" }}>
      <h2 id="sms-outbox-title">{t("outbox.sms.title")}</h2>
      <p className="muted">{t("outbox.sms.description")}</p>
      {texts.length === 0 ? (
        <EmptyState title={t("outbox.sms.empty")} />
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
              {texts.map((m) => (
                <tr key={m.id}>
                  <td>{format.dateTime(m.createdAt)}</td>
                  <td>{m.to}</td>
                  <td>
                    <p className="outbox-text" style={{ margin: 0 }}>
                      {m.text}
                    </p>
                    <span className="small muted">({m.kind.split(":")[0]})</span>
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
                    {m.attempts > 0 ? (
                      <div className="small muted">{t("outbox.sms.attempts", { count: m.attempts })}</div>
                    ) : null}
                    {m.error ? <div className="small muted">{m.error}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
