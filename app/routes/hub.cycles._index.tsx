import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CycleStatusBadge } from "~/components/cycle-status";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { effectiveCycleStatus } from "~/domain/cycles";
import { slotsToText } from "~/components/cycle-form";
import { listCyclesForHub } from "~/models/hub.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatDate, formatDateTime } from "~/utils/format";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Delivery cycles — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const now = new Date();
  const cycles = await listCyclesForHub({ hubId: hub.id });
  return json({
    timeZone: hub.timeZone,
    cycles: cycles.map((c) => ({
      id: c.id,
      name: c.name,
      opensAt: c.opensAt,
      cutoffAt: c.cutoffAt,
      deliveryDate: c.deliveryDate,
      slots: slotsToText(c.slots).replace(/\n/g, ", "),
      orders: c._count.orders,
      status: effectiveCycleStatus(c, now),
    })),
  });
}

export default function CyclesPage() {
  const { cycles, timeZone } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Delivery cycles"
        description="Ordering closes by itself at each cycle's cut-off; then aggregate the orders and plan routes."
        breadcrumbs={[{ to: "/hub", label: "Hub" }]}
        actions={
          <Link className="btn btn-primary" to="/hub/cycles/new">
            New cycle
          </Link>
        }
      />
      {cycles.length === 0 ? (
        <EmptyState
          title="No cycles yet"
          action={
            <Link className="btn btn-primary" to="/hub/cycles/new">
              Create a cycle
            </Link>
          }
        />
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">Delivery cycles</caption>
            <thead>
              <tr>
                <th scope="col">Cycle</th>
                <th scope="col">Status</th>
                <th scope="col">Ordering</th>
                <th scope="col">Delivery</th>
                <th scope="col" className="num">
                  Orders
                </th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/hub/cycles/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>
                    <CycleStatusBadge status={c.status} />
                  </td>
                  <td className="small">
                    {formatDateTime(c.opensAt, timeZone)} → {formatDateTime(c.cutoffAt, timeZone)}
                  </td>
                  <td className="small">
                    {formatDate(c.deliveryDate, timeZone)}
                    <br />
                    <span className="muted">{c.slots}</span>
                  </td>
                  <td className="num">{c.orders}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
