import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { formatQuantity, quantityInputValue, quantityStepMilli, UNIT_WORD } from "~/domain/basket";
import {
  changeStandingOrder,
  editStandingOrderLines,
  getStandingOrdersForBuyer,
  pauseStandingOrderUntil,
  runStandingOrders,
} from "~/services/standing-order.server";
import orderingCss from "~/styles/ordering.css";
import { formatDate } from "~/utils/format";
import { redirectWithToast, requireExactRole } from "~/utils/session.server";
import type { Unit } from "~generated/prisma/enums.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = () => [{ title: "Standing orders — Foodshed" }];

const StandingActionSchema = z.object({
  id: z.string().trim().min(1).max(64),
  intent: z.enum(["pause", "resume", "cancel", "change", "pause-until"], { error: "Unknown action" }),
});
/** intent=change: one `quantity.<lineId>` field per line (0 removes it). */
const QuantitiesSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(64),
      quantity: z.string().max(20, { error: "Enter a quantity like 2 or 1.5" }),
    }),
  )
  .min(1, { error: "No quantities were sent." })
  .max(500);
const DAY_MS = 86_400_000;
/** intent=pause-until: a date from tomorrow to a year ahead; repeats start again on that day. */
const PauseUntilSchema = z.object({
  until: z
    .string({ error: "Choose the date the repeats start again" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Choose the date the repeats start again" })
    .transform((value) => new Date(`${value}T00:00:00Z`))
    .refine((date) => !Number.isNaN(date.getTime()), { error: "Choose a real date" })
    .refine((date) => date.getTime() > Date.now(), { error: "Choose a date after today" })
    .refine((date) => date.getTime() <= Date.now() + 366 * DAY_MS, { error: "Choose a date within a year" }),
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
  const submission = parseWithZod(form, { schema: StandingActionSchema });
  if (submission.status !== "success")
    return json<ActionData>({ id: "", intent: "", formErrors: ["Unknown action."], lineErrors: {} }, { status: 400 });
  const { id, intent } = submission.value;
  const notFound = () =>
    json<ActionData>({ id, intent, formErrors: ["Standing order not found."], lineErrors: {} }, { status: 404 });
  if (intent === "change") {
    const lines = QuantitiesSchema.safeParse(
      [...form.entries()]
        .filter(([key]) => key.startsWith("quantity."))
        .map(([key, value]) => ({ id: key.slice("quantity.".length), quantity: String(value) })),
    );
    if (!lines.success)
      return json<ActionData>(
        { id, intent, formErrors: [lines.error.issues[0]?.message ?? "Check the quantities."], lineErrors: {} },
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
    return redirectWithToast(
      request,
      "/standing-orders",
      "Standing order updated: the next cycle's order uses the new quantities.",
    );
  }
  if (intent === "pause-until") {
    const parsed = PauseUntilSchema.safeParse({ until: form.get("until") ?? undefined });
    if (!parsed.success)
      return json<ActionData>(
        { id, intent, formErrors: [], lineErrors: { until: parsed.error.issues[0]?.message ?? "Choose a date" } },
        { status: 400 },
      );
    if (!(await pauseStandingOrderUntil({ buyerId: user.id, id, until: parsed.data.until }))) return notFound();
    return redirectWithToast(
      request,
      "/standing-orders",
      `Standing order paused until ${formatDate(parsed.data.until, "UTC")}.`,
    );
  }
  const changed = await changeStandingOrder({ buyerId: user.id, id, action: intent });
  if (!changed) return notFound();
  const word = { pause: "paused", resume: "resumed", cancel: "cancelled" }[intent];
  return redirectWithToast(request, "/standing-orders", `Standing order ${word}.`);
}

export default function StandingOrdersPage() {
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
        title="Standing orders"
        breadcrumbs={[{ to: "/orders", label: "My orders" }]}
        description="A standing order places the same order in every new delivery cycle. Items that are sold out are skipped and we tell you by email."
      />
      {orphanError.length > 0 ? (
        <div ref={errorRef} tabIndex={-1}>
          <Alert tone="error">{orphanError.join(" ")}</Alert>
        </div>
      ) : null}
      {standingOrders.length === 0 ? (
        <EmptyState
          title="No standing orders"
          action={
            <Link to="/orders" className="btn btn-secondary">
              Go to my orders
            </Link>
          }
        >
          Open one of your orders and choose “Repeat every cycle”.
        </EmptyState>
      ) : (
        standingOrders.map((s) => {
          const mine = actionData && actionData.id === s.id ? actionData : null;
          const pausedUntil = s.pausedUntil && s.pausedUntil.slice(0, 10) > today ? s.pausedUntil : null;
          const untilError = mine?.lineErrors.until;
          return (
            <section
              key={s.id}
              id={`standing-${s.id}`}
              data-standing={s.id}
              aria-label={`Standing order since ${formatDate(s.createdAt)}`}
            >
              <Card
                title={
                  <>
                    Since {formatDate(s.createdAt)}{" "}
                    <span className={`badge ${s.status === "PAUSED" || pausedUntil ? "badge-warning" : ""}`}>
                      {s.status === "PAUSED"
                        ? "Paused"
                        : pausedUntil
                          ? `Paused until ${formatDate(pausedUntil, "UTC")}`
                          : "Active"}
                    </span>
                  </>
                }
                actions={
                  <Form method="post" className="row">
                    <input type="hidden" name="id" value={s.id} />
                    {s.status === "ACTIVE" && !pausedUntil ? (
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
                  {s.fulfilment === "DELIVERY" ? `Delivery to ${s.address ?? "your address"}` : "Pickup at the hub"} ·{" "}
                  {s.paymentMethod === "INVOICE" ? "invoice" : "pay on delivery"}
                  {s.sourceOrderId ? (
                    <>
                      {" "}
                      · repeats <Link to={`/orders/${s.sourceOrderId}`}>the order it was made from</Link>
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
                    <legend>Quantities each cycle (0 removes a line)</legend>
                    {s.lines.map((l) => {
                      const unit = l.unit as Unit;
                      const step = quantityStepMilli(unit) / 1000;
                      const error = mine?.lineErrors[l.id];
                      return (
                        <div key={l.id} className="order-change-line">
                          <label htmlFor={`standing-${l.id}`}>
                            {l.productName} ({l.farmName}){" "}
                            {l.archived ? <span className="badge badge-danger">No longer sold</span> : null}
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
                              {UNIT_WORD[unit].many}
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
                    pendingText="Saving…"
                  >
                    Save quantities
                  </SubmitButton>
                </Form>
                <Form method="post" className="row" style={{ alignItems: "flex-end", marginTop: "0.75rem" }}>
                  <input type="hidden" name="id" value={s.id} />
                  <div className="field" style={{ margin: 0 }}>
                    <label htmlFor={`until-${s.id}`}>Pause until</label>
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
                        No orders are placed before this date; repeats start again on it.
                      </p>
                    )}
                  </div>
                  <SubmitButton
                    name="intent"
                    value="pause-until"
                    variant="secondary"
                    className="btn-small"
                    pendingText="Pausing…"
                  >
                    Pause until this date
                  </SubmitButton>
                </Form>
                <p className="small muted" style={{ marginBottom: 0 }}>
                  Each cycle:{" "}
                  {s.lines
                    .map((l) => `${l.productName} × ${formatQuantity(l.quantityMilli, l.unit as Unit)}`)
                    .join(", ")}
                </p>
              </Card>
            </section>
          );
        })
      )}
    </>
  );
}
