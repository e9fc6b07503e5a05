import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CycleStatusBadge } from "~/components/cycle-status";
import { useFormat } from "~/components/i18n";
import { slotsToText } from "~/components/cycle-form";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { effectiveCycleStatus } from "~/domain/cycles";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { findCycleForHub } from "~/models/hub.server";
import { closeCycle } from "~/services/cycle-admin.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { redirectWithToast } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("cycles.detail.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response(serverT("hub")("cycles.notFound"), { status: 404 });
  return json({
    timeZone: hub.timeZone,
    cycle: {
      id: cycle.id,
      name: cycle.name,
      opensAt: cycle.opensAt,
      cutoffAt: cycle.cutoffAt,
      deliveryDate: cycle.deliveryDate,
      storedStatus: cycle.status,
      status: effectiveCycleStatus(cycle, new Date()),
      slots: slotsToText(cycle.slots).split("\n"),
      orders: cycle._count.orders,
      plans: cycle._count.routePlans,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { hub } = await requireHub(request);
  const form = await request.formData();
  if (form.get("intent") !== "close")
    return json({ error: serverT("hub")("cycles.detail.unknownAction") }, { status: 400 });
  const result = await closeCycle({ hubId: hub.id, cycleId: params.cycleId ?? "", now: new Date() });
  if (result === null) throw new Response(serverT("hub")("cycles.notFound"), { status: 404 });
  if (result === "not-open") return json({ error: serverT("hub")("cycles.detail.alreadyClosed") }, { status: 400 });
  return redirectWithToast(request, `/hub/cycles/${params.cycleId}`, serverT("hub")("cycles.detail.closed"));
}

export default function CyclePage() {
  const { cycle, timeZone } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  const canClose = cycle.storedStatus === "OPEN";
  const closed = cycle.status !== "OPEN" && cycle.status !== "SCHEDULED";
  return (
    <>
      <PageHeader
        title={cycle.name}
        breadcrumbs={[
          { to: "/hub", label: t("common:nav.hub") },
          { to: "/hub/cycles", label: t("common:nav.cycles") },
        ]}
        description={<CycleStatusBadge status={cycle.status} />}
        actions={
          <>
            {cycle.storedStatus === "OPEN" || cycle.storedStatus === "CLOSED" ? (
              <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/edit`}>
                {t("common:actions.edit")}
              </Link>
            ) : null}
            {canClose ? (
              <Form method="post">
                <SubmitButton
                  name="intent"
                  value="close"
                  variant="danger"
                  pendingText={t("cycles.detail.closing")}
                  confirm={t("cycles.detail.closeConfirm")}
                >
                  {t("cycles.detail.closeNow")}
                </SubmitButton>
              </Form>
            ) : null}
          </>
        }
      />
      {!closed ? (
        <Alert tone="info">{t("cycles.detail.openUntil", { cutoff: format.dateTime(cycle.cutoffAt, timeZone) })}</Alert>
      ) : null}
      <div className="grid grid-2">
        <Card title={t("cycles.detail.dates")}>
          <dl className="small">
            <dt className="muted">{t("cycles.detail.opensAt")}</dt>
            <dd>{format.dateTime(cycle.opensAt, timeZone)}</dd>
            <dt className="muted">{t("cycles.detail.cutoffAt")}</dt>
            <dd>{format.dateTime(cycle.cutoffAt, timeZone)}</dd>
            <dt className="muted">{t("cycles.detail.delivery")}</dt>
            <dd>{format.date(cycle.deliveryDate, timeZone)}</dd>
            <dt className="muted">{t("cycles.detail.slots")}</dt>
            <dd>{cycle.slots.join(", ")}</dd>
          </dl>
        </Card>
        <Card title={t("cycles.detail.orders", { count: cycle.orders })}>
          {cycle.orders === 0 && cycle.plans === 0 ? (
            <p className="muted">{t("cycles.detail.noOrders")}</p>
          ) : (
            <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
              <li>
                <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/aggregate`}>
                  {t("cycles.detail.aggregate")}
                </Link>
              </li>
              <li>
                <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/packing`}>
                  {t("packing.link")}
                </Link>
              </li>
              <li>
                <Link className="btn btn-primary" to={`/hub/cycles/${cycle.id}/plan`}>
                  {cycle.plans > 0 ? t("cycles.detail.routesAndManifests") : t("cycles.detail.planRoutes")}
                </Link>
              </li>
              <li>
                <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/carbon`}>
                  {t("cycles.detail.carbonReport")}
                </Link>
              </li>
              <li>
                <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/statements`}>
                  {t("cycles.detail.statements")}
                </Link>
              </li>
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
