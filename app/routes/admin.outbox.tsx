import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { getOutbox } from "~/services/order-views.server";
import orderingCss from "~/styles/ordering.css";
import { formatDateTime } from "~/utils/format";
import { requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = () => [{ title: "Email outbox — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json({ messages: await getOutbox() });
}

export default function OutboxPage() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Email outbox"
        description="Every notification Foodshed sends. Without SMTP_URL they stay here with status Outbox."
      />
      {messages.length === 0 ? (
        <EmptyState title="No emails yet" />
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">To</th>
                <th scope="col">Message</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
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
                      {m.status === "OUTBOX" ? "Outbox" : m.status === "SENT" ? "Sent" : "Failed"}
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
