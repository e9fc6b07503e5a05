import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CycleForm, CycleSchema, cycleInputFromForm, slotsToText } from "~/components/cycle-form";
import { Card, PageHeader } from "~/components/ui/page";
import { toZonedInputValue, zonedDate } from "~/domain/planning/time";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { findCycleForHub } from "~/models/hub.server";
import { updateCycle } from "~/services/cycle-admin.server";
import { requireHub } from "~/utils/hub-guard.server";
import { redirectWithToast } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("cycles.edit.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response(serverT("hub")("cycles.notFound"), { status: 404 });
  return json({
    timeZone: hub.timeZone,
    cycle: { id: cycle.id, name: cycle.name },
    defaults: {
      name: cycle.name,
      deliveryDate: zonedDate(cycle.deliveryDate, hub.timeZone),
      opensAt: toZonedInputValue(cycle.opensAt, hub.timeZone),
      cutoffAt: toZonedInputValue(cycle.cutoffAt, hub.timeZone),
      slots: slotsToText(cycle.slots),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { hub } = await requireHub(request);
  const submission = parseWithZod(await request.formData(), { schema: CycleSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await updateCycle({
    hubId: hub.id,
    cycleId: params.cycleId ?? "",
    data: cycleInputFromForm(submission.value, hub.timeZone),
    timeZone: hub.timeZone,
  });
  if (!result) throw new Response(serverT("hub")("cycles.notFound"), { status: 404 });
  if (!result.ok) {
    return json(
      submission.reply({
        fieldErrors: result.field === "form" ? {} : { [result.field]: [result.message] },
        formErrors: result.field === "form" ? [result.message] : [],
      }),
      { status: 400 },
    );
  }
  return redirectWithToast(request, `/hub/cycles/${result.id}`, serverT("hub")("cycles.edit.saved"));
}

export default function EditCyclePage() {
  const { cycle, defaults, timeZone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("hub");
  return (
    <>
      <PageHeader
        title={t("cycles.edit.title", { name: cycle.name })}
        breadcrumbs={[
          { to: "/hub/cycles", label: t("common:nav.cycles") },
          { to: `/hub/cycles/${cycle.id}`, label: cycle.name },
        ]}
      />
      <Card>
        <CycleForm
          lastResult={lastResult}
          defaultValue={defaults}
          submitLabel={t("cycles.edit.submit")}
          timeZone={timeZone}
        />
      </Card>
    </>
  );
}
