import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { cycleStatusText } from "~/components/cycle-status";
import { SubmitButton } from "~/components/ui/button";
import { effectiveCycleStatus } from "~/domain/cycles";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { listCoordinators, listHubsForAdmin, setHubCoordinator } from "~/models/admin.server";
import { formatDate } from "~/utils/format";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Hubs — Foodshed admin" }];

const AssignSchema = z.object({
  hubId: z.string().min(1),
  coordinatorId: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const [hubs, coordinators] = await Promise.all([listHubsForAdmin(), listCoordinators()]);
  const now = new Date();
  return json({
    hubs: hubs.map((hub) => ({
      ...hub,
      cycles: hub.cycles.map((c) => ({ ...c, statusText: cycleStatusText(effectiveCycleStatus(c, now)) })),
    })),
    coordinators,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "ADMIN");
  const submission = parseWithZod(await request.formData(), { schema: AssignSchema });
  if (submission.status !== "success") return json({ error: "Choose a hub and a coordinator." }, { status: 400 });
  const result = await setHubCoordinator({
    hubId: submission.value.hubId,
    coordinatorId: submission.value.coordinatorId || null,
  });
  if (!result.ok) return json({ error: result.reason }, { status: 400 });
  return redirectWithToast(request, "/admin/hubs", "Coordinator updated.");
}

export default function AdminHubs() {
  const { hubs, coordinators } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Hubs"
        description="Every food hub on this Foodshed, with its coordinator and its latest delivery cycle."
      />
      {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
      {hubs.length === 0 ? (
        <EmptyState title="No hubs yet">A coordinator creates a hub from their Settings page.</EmptyState>
      ) : (
        <div className="grid grid-2">
          {hubs.map((hub) => {
            const latest = hub.cycles[0];
            return (
              <Card key={hub.id} title={hub.name}>
                <p className="muted small">
                  Depot: {hub.depotAddress}
                  {hub.zoneRadiusM ? ` · delivery zone ${Math.round(hub.zoneRadiusM / 1000)} km` : ""}
                </p>
                <dl className="stats">
                  <div className="stat">
                    <dt>Farms</dt>
                    <dd className="stat-value">{hub._count.farms}</dd>
                  </div>
                  <div className="stat">
                    <dt>Members</dt>
                    <dd className="stat-value">{hub._count.members}</dd>
                  </div>
                  <div className="stat">
                    <dt>Vehicles</dt>
                    <dd className="stat-value">{hub._count.vehicles}</dd>
                  </div>
                  <div className="stat">
                    <dt>Orders</dt>
                    <dd className="stat-value">{hub._count.orders}</dd>
                  </div>
                </dl>
                <p>
                  {latest
                    ? `Latest cycle: ${latest.name} (${latest.statusText.toLowerCase()}), delivery ${formatDate(latest.deliveryDate)}.`
                    : "No delivery cycles yet."}
                </p>
                <Form method="post" className="row">
                  <input type="hidden" name="hubId" value={hub.id} />
                  <label htmlFor={`coordinator-${hub.id}`}>Coordinator</label>
                  <select
                    id={`coordinator-${hub.id}`}
                    name="coordinatorId"
                    defaultValue={hub.coordinator?.id ?? ""}
                    className="input"
                    style={{ width: "auto" }}
                  >
                    <option value="">No coordinator</option>
                    {coordinators.map((coordinator) => (
                      <option key={coordinator.id} value={coordinator.id}>
                        {coordinator.name} ({coordinator.email})
                      </option>
                    ))}
                  </select>
                  <SubmitButton variant="secondary" className="btn-small">
                    Save<span className="visually-hidden"> coordinator of {hub.name}</span>
                  </SubmitButton>
                </Form>
              </Card>
            );
          })}
        </div>
      )}
    </>
  );
}
