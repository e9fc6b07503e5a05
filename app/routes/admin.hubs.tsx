import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { cycleStatusLabel } from "~/components/cycle-status";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { effectiveCycleStatus } from "~/domain/cycles";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { listCoordinators, listHubsForAdmin, setHubCoordinator } from "~/models/admin.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "admin")("hubs.metaTitle") }];

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
      cycles: hub.cycles.map((c) => ({ ...c, status: effectiveCycleStatus(c, now) })),
    })),
    coordinators,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "ADMIN");
  const submission = parseWithZod(await request.formData(), { schema: AssignSchema });
  if (submission.status !== "success") return json({ error: serverT("admin")("hubs.errors.choose") }, { status: 400 });
  const result = await setHubCoordinator({
    hubId: submission.value.hubId,
    coordinatorId: submission.value.coordinatorId || null,
  });
  if (!result.ok) return json({ error: result.reason }, { status: 400 });
  return redirectWithToast(request, "/admin/hubs", serverT("admin")("hubs.updated"));
}

export default function AdminHubs() {
  const { hubs, coordinators } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const format = useFormat();
  return (
    <>
      <PageHeader title={t("hubs.title")} description={t("hubs.description")} />
      {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
      {hubs.length === 0 ? (
        <EmptyState title={t("hubs.empty.title")}>{t("hubs.empty.body")}</EmptyState>
      ) : (
        <div className="grid grid-2">
          {hubs.map((hub) => {
            const latest = hub.cycles[0];
            return (
              <Card key={hub.id} title={hub.name}>
                <p className="muted small">
                  {hub.zoneRadiusM
                    ? t("hubs.depotWithZone", {
                        address: hub.depotAddress,
                        radius: format.number(Math.round(hub.zoneRadiusM / 1000)),
                      })
                    : t("hubs.depot", { address: hub.depotAddress })}
                </p>
                <dl className="stats">
                  <div className="stat">
                    <dt>{t("hubs.stats.farms")}</dt>
                    <dd className="stat-value">{format.number(hub._count.farms)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t("hubs.stats.members")}</dt>
                    <dd className="stat-value">{format.number(hub._count.members)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t("hubs.stats.vehicles")}</dt>
                    <dd className="stat-value">{format.number(hub._count.vehicles)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t("hubs.stats.orders")}</dt>
                    <dd className="stat-value">{format.number(hub._count.orders)}</dd>
                  </div>
                </dl>
                <p>
                  {latest
                    ? t("hubs.latestCycle", {
                        cycle: latest.name,
                        status: cycleStatusLabel(latest.status, t).toLowerCase(),
                        date: format.date(latest.deliveryDate, hub.timeZone),
                      })
                    : t("hubs.noCycles")}
                </p>
                <Form method="post" className="row">
                  <input type="hidden" name="hubId" value={hub.id} />
                  <label htmlFor={`coordinator-${hub.id}`}>{t("hubs.coordinator")}</label>
                  <select
                    id={`coordinator-${hub.id}`}
                    name="coordinatorId"
                    defaultValue={hub.coordinator?.id ?? ""}
                    className="input"
                    style={{ width: "auto" }}
                  >
                    <option value="">{t("hubs.noCoordinator")}</option>
                    {coordinators.map((coordinator) => (
                      <option key={coordinator.id} value={coordinator.id}>
                        {coordinator.name} ({coordinator.email})
                      </option>
                    ))}
                  </select>
                  <SubmitButton variant="secondary" className="btn-small">
                    <Trans
                      t={t}
                      i18nKey="hubs.save"
                      values={{ hub: hub.name }}
                      components={{ hidden: <span className="visually-hidden" /> }}
                    />
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
