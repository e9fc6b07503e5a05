import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { formatQuantity } from "~/domain/basket";
import { changeStandingOrder, getStandingOrdersForBuyer, runStandingOrders } from "~/services/standing-order.server";
import orderingCss from "~/styles/ordering.css";
import { formatDate } from "~/utils/format";
import { redirectWithToast, requireExactRole } from "~/utils/session.server";
import type { Unit } from "~generated/prisma/enums.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = () => [{ title: "Standing orders — Foodshed" }];

const StandingActionSchema = z.object({
  id: z.string().trim().min(1).max(64),
  intent: z.enum(["pause", "resume", "cancel"], { error: "Unknown action" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  // New cycles are picked up lazily too, so a standing order never waits for the timer.
  await runStandingOrders();
  return json({ standingOrders: await getStandingOrdersForBuyer({ buyerId: user.id }) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const submission = parseWithZod(await request.formData(), { schema: StandingActionSchema });
  if (submission.status !== "success") return json({ message: "Unknown action." }, { status: 400 });
  const changed = await changeStandingOrder({ buyerId: user.id, id: submission.value.id, action: submission.value.intent });
  if (!changed) return json({ message: "Standing order not found." }, { status: 404 });
  const word = { pause: "paused", resume: "resumed", cancel: "cancelled" }[submission.value.intent];
  return redirectWithToast(request, "/standing-orders", `Standing order ${word}.`);
}

export default function StandingOrdersPage() {
  const { standingOrders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="Standing orders" breadcrumbs={[{ to: "/orders", label: "My orders" }]} description="A standing order places the same order in every new delivery cycle. Items that are sold out are skipped and we tell you by email." />
      {actionData ? <Alert tone="error">{actionData.message}</Alert> : null}
      {standingOrders.length === 0 ? (
        <EmptyState title="No standing orders" action={<Link to="/orders" className="btn btn-secondary">Go to my orders</Link>}>
          Open one of your orders and choose “Repeat every cycle”.
        </EmptyState>
      ) : (
        standingOrders.map((s) => (
          <Card
            key={s.id}
            title={
              <>
                Since {formatDate(s.createdAt)} <span className={`badge ${s.status === "PAUSED" ? "badge-warning" : ""}`}>{s.status === "PAUSED" ? "Paused" : "Active"}</span>
              </>
            }
            actions={
              <Form method="post" className="row">
                <input type="hidden" name="id" value={s.id} />
                {s.status === "ACTIVE" ? (
                  <SubmitButton name="intent" value="pause" variant="secondary" className="btn-small">
                    Pause
                  </SubmitButton>
                ) : (
                  <SubmitButton name="intent" value="resume" variant="secondary" className="btn-small">
                    Resume
                  </SubmitButton>
                )}
                <SubmitButton name="intent" value="cancel" variant="danger" className="btn-small">
                  Cancel
                </SubmitButton>
              </Form>
            }
          >
            <p className="small muted">
              {s.fulfilment === "DELIVERY" ? `Delivery to ${s.address ?? "your address"}` : "Pickup at the hub"} · {s.paymentMethod === "INVOICE" ? "invoice" : "pay on delivery"}
            </p>
            <ul>
              {s.lines.map((l) => (
                <li key={l.id}>
                  {l.productName} ({l.farmName}) × {formatQuantity(l.quantityMilli, l.unit as Unit)} {l.archived ? <span className="badge badge-danger">No longer sold</span> : null}
                </li>
              ))}
            </ul>
          </Card>
        ))
      )}
    </>
  );
}
