import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { quantityInputValue, quantityStepMilli } from "~/domain/basket";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverFormat, serverT } from "~/i18n/i18n.server";
import {
  changeStandingOrder,
  editStandingOrderLines,
  getStandingOrdersForBuyer,
  pauseStandingOrderUntil,
  runStandingOrders,
} from "~/services/standing-order.server";
import orderingCss from "~/styles/ordering.css";
import { redirectWithToast, requireExactRole } from "~/utils/session.server";
import type { Unit } from "~generated/prisma/enums.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "buyer")("standing.metaTitle") }];

const StandingActionSchema = z.object({
  id: z.string().trim().min(1).max(64),
  intent: z.enum(["pause", "resume", "cancel", "change", "pause-until"], {
    error: lazyT("buyer:order.errors.unknownAction"),
  }),
});
/** intent=change: one `quantity.<lineId>` field per line (0 removes it). */
const QuantitiesSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(64),
      quantity: z.string().max(20, { error: lazyT("buyer:quantity.likeExample") }),
    }),
  )
  .min(1, { error: lazyT("buyer:quantity.noneSent") })
  .max(500);
const DAY_MS = 86_400_000;
/** intent=pause-until: a date from tomorrow to a year ahead; repeats start again on that day. */
const PauseUntilSchema = z.object({
  until: z
    .string({ error: lazyT("buyer:standing.until.required") })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: lazyT("buyer:standing.until.required") })
    .transform((value) => new Date(`${value}T00:00:00Z`))
    .refine((date) => !Number.isNaN(date.getTime()), { error: lazyT("buyer:standing.until.realDate") })
    .refine((date) => date.getTime() > Date.now(), { error: lazyT("buyer:standing.until.afterToday") })
    .refine((date) => date.getTime() <= Date.now() + 366 * DAY_MS, {
      error: lazyT("buyer:standing.until.withinAYear"),
    }),
});

type ActionData = { id: string; intent: string; formErrors: string[]; lineErrors: Record<string, string> };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  // New cycles are picked up lazily too, so a standing order never waits for the timer.
  await runStandingOrders();
  return json({
    standingOrders: await getStandingOrdersForBuyer({ buyerId: user.id }),
    today: new Date().toISOString().slice(0, 10),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const form = await request.formData();
  const t = serverT("buyer");
  const submission = parseWithZod(form, { schema: StandingActionSchema });
  if (submission.status !== "success")
    return json<ActionData>(
      { id: "", intent: "", formErrors: [t("order.errors.unknownActionSent")], lineErrors: {} },
      { status: 400 },
    );
  const { id, intent } = submission.value;
  const notFound = () =>
    json<ActionData>({ id, intent, formErrors: [t("standing.notFound")], lineErrors: {} }, { status: 404 });
  if (intent === "change") {
    const lines = QuantitiesSchema.safeParse(
      [...form.entries()]
        .filter(([key]) => key.startsWith("quantity."))
        .map(([key, value]) => ({ id: key.slice("quantity.".length), quantity: String(value) })),
    );
    if (!lines.success)
      return json<ActionData>(
        { id, intent, formErrors: [lines.error.issues[0]?.message ?? t("quantity.check")], lineErrors: {} },
        { status: 400 },
      );
    const result = await editStandingOrderLines({
      buyerId: user.id,
      id,
      quantities: new Map(lines.data.map((l) => [l.id, l.quantity])),
    });
    if (!result.ok)
      return result.status === 404
        ? notFound()
        : json<ActionData>(
            { id, intent, formErrors: result.formErrors, lineErrors: result.lineErrors },
            { status: result.status },
          );
    return redirectWithToast(request, "/standing-orders", t("standing.toast.updated"));
  }
  if (intent === "pause-until") {
    const parsed = PauseUntilSchema.safeParse({ until: form.get("until") ?? undefined });
    if (!parsed.success)
      return json<ActionData>(
        {
          id,
          intent,
          formErrors: [],
          lineErrors: { until: parsed.error.issues[0]?.message ?? t("standing.until.chooseDate") },
        },
        { status: 400 },
      );
    if (!(await pauseStandingOrderUntil({ buyerId: user.id, id, until: parsed.data.until }))) return notFound();
    return redirectWithToast(
      request,
      "/standing-orders",
      t("standing.toast.pausedUntil", { date: serverFormat().date(parsed.data.until, "UTC") }),
    );
  }
  const changed = await changeStandingOrder({ buyerId: user.id, id, action: intent });
  if (!changed) return notFound();
  return redirectWithToast(request, "/standing-orders", t(`standing.toast.${intent}`));
}

export default function StandingOrdersPage() {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  const { standingOrders, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus the first field with an error, or the error summary.
    if (!actionData) return;
    const field = document.querySelector<HTMLElement>(`[data-standing="${actionData.id}"] [aria-invalid="true"]`);
    (field ?? errorRef.current)?.focus();
  }, [actionData]);
  const orphanError = actionData && !standingOrders.some((s) => s.id === actionData.id) ? actionData.formErrors : [];
  return (
    <>
      <PageHeader
        title={t("common:nav.standingOrders")}
        breadcrumbs={[{ to: "/orders", label: t("common:nav.myOrders") }]}
        description={t("standing.description")}
      />
      {orphanError.length > 0 ? (
        <div ref={errorRef} tabIndex={-1}>
          <Alert tone="error">{orphanError.join(" ")}</Alert>
        </div>
      ) : null}
      {standingOrders.length === 0 ? (
        <EmptyState
          title={t("standing.empty.title")}
          action={
            <Link to="/orders" className="btn btn-secondary">
              {t("standing.empty.goToOrders")}
            </Link>
          }
        >
          {t("standing.empty.body")}
        </EmptyState>
      ) : (
        standingOrders.map((s) => {
          const mine = actionData && actionData.id === s.id ? actionData : null;
          const pausedUntil = s.pausedUntil && s.pausedUntil.slice(0, 10) > today ? s.pausedUntil : null;
          const untilError = mine?.lineErrors.until;
          const since = format.date(s.createdAt);
          return (
            <section
              key={s.id}
              id={`standing-${s.id}`}
              data-standing={s.id}
              aria-label={t("standing.label", { date: since })}
            >
              <Card
                title={
                  <>
                    {t("standing.since", { date: since })}{" "}
                    <span className={`badge ${s.status === "PAUSED" || pausedUntil ? "badge-warning" : ""}`}>
                      {s.status === "PAUSED"
                        ? t("standing.status.paused")
                        : pausedUntil
                          ? t("standing.status.pausedUntil", { date: format.date(pausedUntil, "UTC") })
                          : t("standing.status.active")}
                    </span>
                  </>
                }
                actions={
                  <Form method="post" className="row">
                    <input type="hidden" name="id" value={s.id} />
                    {s.status === "ACTIVE" && !pausedUntil ? (
                      <SubmitButton name="intent" value="pause" variant="secondary" className="btn-small">
                        {t("standing.pause")}
                      </SubmitButton>
                    ) : (
                      <SubmitButton name="intent" value="resume" variant="secondary" className="btn-small">
                        {t("standing.resume")}
                      </SubmitButton>
                    )}
                    <SubmitButton name="intent" value="cancel" variant="danger" className="btn-small">
                      {t("common:actions.cancel")}
                    </SubmitButton>
                  </Form>
                }
              >
                <p className="small muted">
                  {s.fulfilment === "DELIVERY"
                    ? s.address
                      ? t("standing.deliveryTo", { address: s.address })
                      : t("standing.deliveryToYourAddress")
                    : t("standing.pickup")}{" "}
                  · {s.paymentMethod === "INVOICE" ? t("standing.payment.invoice") : t("standing.payment.onDelivery")}
                  {s.sourceOrderId ? (
                    <>
                      {" "}
                      ·{" "}
                      <Trans
                        t={t}
                        i18nKey="standing.repeatsSource"
                        components={{ origin: <Link to={`/orders/${s.sourceOrderId}`} /> }}
                      />
                    </>
                  ) : null}
                </p>
                {mine && mine.formErrors.length > 0 ? (
                  <div ref={errorRef} tabIndex={-1} id={`standing-${s.id}-errors`}>
                    <Alert tone="error">{mine.formErrors.join(" ")}</Alert>
                  </div>
                ) : null}
                <Form
                  method="post"
                  className="order-change-form"
                  aria-describedby={mine && mine.formErrors.length > 0 ? `standing-${s.id}-errors` : undefined}
                >
                  <input type="hidden" name="id" value={s.id} />
                  <fieldset className="order-change-group">
                    <legend>{t("standing.quantities")}</legend>
                    {s.lines.map((l) => {
                      const unit = l.unit as Unit;
                      const step = quantityStepMilli(unit) / 1000;
                      const error = mine?.lineErrors[l.id];
                      return (
                        <div key={l.id} className="order-change-line">
                          <label htmlFor={`standing-${l.id}`}>
                            {l.productName} ({l.farmName}){" "}
                            {l.archived ? (
                              <span className="badge badge-danger">{t("standing.noLongerSold")}</span>
                            ) : null}
                          </label>
                          <span className="order-change-input">
                            <input
                              id={`standing-${l.id}`}
                              className="input add-to-basket-qty"
                              type="number"
                              name={`quantity.${l.id}`}
                              min={0}
                              step={step}
                              inputMode={step < 1 ? "decimal" : "numeric"}
                              defaultValue={quantityInputValue(l.quantityMilli)}
                              aria-invalid={error ? true : undefined}
                              aria-describedby={error ? `standing-${l.id}-error` : undefined}
                            />
                            <span className="add-to-basket-unit" aria-hidden="true">
                              {t(`units.${unit}.many`)}
                            </span>
                          </span>
                          {error ? (
                            <p className="field-errors" id={`standing-${l.id}-error`}>
                              {error}
                            </p>
                          ) : null}
                        </div>
                      );
                    })}
                  </fieldset>
                  <SubmitButton
                    name="intent"
                    value="change"
                    variant="secondary"
                    className="btn-small"
                    pendingText={t("common:actions.saving")}
                  >
                    {t("standing.saveQuantities")}
                  </SubmitButton>
                </Form>
                <Form method="post" className="row" style={{ alignItems: "flex-end", marginTop: "0.75rem" }}>
                  <input type="hidden" name="id" value={s.id} />
                  <div className="field" style={{ margin: 0 }}>
                    <label htmlFor={`until-${s.id}`}>{t("standing.until.label")}</label>
                    <input
                      id={`until-${s.id}`}
                      name="until"
                      type="date"
                      min={today}
                      required
                      defaultValue={pausedUntil ? pausedUntil.slice(0, 10) : ""}
                      aria-invalid={untilError ? true : undefined}
                      aria-describedby={untilError ? `until-${s.id}-error` : `until-${s.id}-hint`}
                    />
                    {untilError ? (
                      <p className="field-errors" id={`until-${s.id}-error`}>
                        {untilError}
                      </p>
                    ) : (
                      <p className="field-hint" id={`until-${s.id}-hint`}>
                        {t("standing.until.hint")}
                      </p>
                    )}
                  </div>
                  <SubmitButton
                    name="intent"
                    value="pause-until"
                    variant="secondary"
                    className="btn-small"
                    pendingText={t("standing.until.pausing")}
                  >
                    {t("standing.until.submit")}
                  </SubmitButton>
                </Form>
                <p className="small muted" style={{ marginBottom: 0 }}>
                  {t("standing.eachCycle", {
                    lines: s.lines
                      .map((l) => `${l.productName} × ${format.quantity(l.quantityMilli, l.unit as Unit)}`)
                      .join(", "),
                  })}
                </p>
              </Card>
            </section>
          );
        })
      )}
    </>
  );
}
