import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { Alert, PageHeader } from "~/components/ui/page";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { MarkStopForm, UndoMarkForm } from "~/components/delivery/mark-form";
import { StopOutcome } from "~/components/delivery/stop-outcome";
import {
  driverAppLinks,
  keepRouteTiles,
  KeptMarkNotice,
  OfflineMarksProvider,
  routeSheetUrls,
  useDriverServiceWorker,
  useOfflineMarks,
} from "~/components/delivery/offline";
import { countsAsDoneLocally } from "~/domain/mark-queue";
import { useOptionalUser, usePublicEnv } from "~/root";
import { useEffect } from "react";
import { createLazyMap } from "~/components/map/lazy-map";
import { mapLinks } from "~/components/map/links";
import { routeColour } from "~/components/route-plan-colours";
import { routeTiles, tileUrl } from "~/domain/geo/tiles";
import {
  driverMayCorrect,
  FAILURE_CODES,
  PROOF_KINDS,
  SHORTAGE_REASONS,
  type ShortageInput,
} from "~/domain/delivery-proof";
import { stopCarriesLine } from "~/domain/planning";
import { parseQuantityToMilli } from "~/domain/quantity";
import { messageText } from "~/i18n/messages";
import {
  checkRouteForMarks,
  getRouteSheet,
  markStop,
  newServerMarkId,
  startRoute,
  stopOutcomeView,
} from "~/services/delivery.server";
import { readFormWithPhoto } from "~/utils/photo-upload.server";
import { requireRouteAccess } from "~/utils/driver-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { redirectWithToast } from "~/utils/session.server";

const RouteMap = createLazyMap(() => import("~/components/map/route-map.client"));

export const links: LinksFunction = () => [
  ...mapLinks(),
  { rel: "stylesheet", href: coordinatorCss },
  ...driverAppLinks,
];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("driver.metaTitle") }];

/** "" (an empty field) is no value. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The device's position at the mark (sent only when the driver allowed it) and the photo's file time. */
const PositionFields = {
  latitude: optional(
    z.coerce
      .number({ error: lazyT("hub:proof.errors.position") })
      .min(-90)
      .max(90),
  ),
  longitude: optional(
    z.coerce
      .number({ error: lazyT("hub:proof.errors.position") })
      .min(-180)
      .max(180),
  ),
  accuracy: optional(
    z.coerce
      .number({ error: lazyT("hub:proof.errors.position") })
      .min(0)
      .max(100_000),
  ),
  photoTakenAt: optional(
    z.coerce
      .number({ error: lazyT("hub:proof.errors.photoTime") })
      .int()
      .min(0)
      .max(8_640_000_000_000_000),
  ),
};

/** Latitude and longitude come together or not at all. */
function positionOf(fields: { latitude?: number; longitude?: number; accuracy?: number }) {
  if (fields.latitude === undefined && fields.longitude === undefined) return { ok: true as const, position: null };
  if (fields.latitude === undefined || fields.longitude === undefined) return { ok: false as const };
  return {
    ok: true as const,
    position: {
      latitude: fields.latitude,
      longitude: fields.longitude,
      accuracyM: fields.accuracy === undefined ? null : Math.round(fields.accuracy),
    },
  };
}

// A form without its stop, or with a mark id or version that is not the page's, was not sent by
// the page as drawn (an old offline copy, a script): the message says to reload.
const MarkFields = {
  stopId: z
    .string({ error: lazyT("hub:proof.errors.stop") })
    .min(1, { error: lazyT("hub:proof.errors.stop") })
    .max(64, { error: lazyT("hub:proof.errors.stop") }),
  markId: optional(z.uuid({ error: lazyT("hub:proof.errors.markId") })),
  version: optional(
    z.coerce
      .number({ error: lazyT("hub:proof.errors.version") })
      .int({ error: lazyT("hub:proof.errors.version") })
      .min(0, { error: lazyT("hub:proof.errors.version") })
      .max(1_000_000, { error: lazyT("hub:proof.errors.version") }),
  ),
  ...PositionFields,
};
const ProofFields = {
  proofKind: optional(z.enum(PROOF_KINDS, { error: lazyT("messages:delivery.proof.required") })),
  recipient: optional(
    z
      .string()
      .trim()
      .max(120, { error: lazyT("hub:proof.errors.tooLong") }),
  ),
  /** Who signed on the screen (a SIGNATURE proof). */
  signer: optional(
    z
      .string()
      .trim()
      .max(120, { error: lazyT("hub:proof.errors.tooLong") }),
  ),
  safePlace: optional(
    z
      .string()
      .trim()
      .max(300, { error: lazyT("hub:proof.errors.tooLong") }),
  ),
};

const DriverSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("start") }),
    z.object({ intent: z.literal("delivered"), ...MarkFields, ...ProofFields }),
    z.object({ intent: z.literal("partial"), ...MarkFields, ...ProofFields }),
    z.object({
      intent: z.literal("failed"),
      ...MarkFields,
      failureCode: z.enum(FAILURE_CODES, { error: lazyT("messages:delivery.failure.reasonRequired") }),
      failureNote: optional(
        z
          .string()
          .trim()
          .max(300, { error: lazyT("hub:proof.errors.tooLong") }),
      ),
    }),
    z.object({ intent: z.literal("undo"), ...MarkFields }),
  ],
  // No outcome, or one the form does not offer.
  { error: lazyT("hub:proof.errors.outcome") },
);

/** A signature drawn on screen: a PNG file (blank or tiny ones are refused by the service too). */
const SignatureFile = z
  .instanceof(File)
  .refine((file) => file.size === 0 || (file.type === "image/png" && file.size >= 200), {
    error: lazyT("messages:delivery.proof.signatureBlank"),
  })
  .nullable();

/** The lines ticked as not delivered: `short` (their ids), then `shortQty.<id>`, `shortReason.<id>`, `shortNote.<id>`. */
const ShortagesSchema = z
  .array(
    z.object({
      lineId: z.string().min(1).max(64),
      quantity: z.string().trim().max(20),
      reason: z.enum(SHORTAGE_REASONS, { error: lazyT("hub:proof.errors.shortReason") }),
      note: z
        .string()
        .trim()
        .max(300, { error: lazyT("hub:proof.errors.tooLong") }),
    }),
  )
  .max(500);

function readShortages(form: FormData) {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  const parsed = ShortagesSchema.safeParse(
    form.getAll("short").map((id) => {
      const lineId = String(id);
      return {
        lineId,
        quantity: text(`shortQty.${lineId}`),
        reason: text(`shortReason.${lineId}`),
        note: text(`shortNote.${lineId}`),
      };
    }),
  );
  if (!parsed.success) return { ok: false as const, message: parsed.error.issues[0]?.message ?? "" };
  const shortages: ShortageInput[] = [];
  for (const s of parsed.data) {
    let shortMilli: number | null = null;
    if (s.quantity) {
      const quantity = parseQuantityToMilli(s.quantity, { allowZero: false });
      if (!quantity.ok) return { ok: false as const, message: messageText(quantity.message) };
      shortMilli = quantity.value;
    }
    shortages.push({ lineId: s.lineId, shortMilli, reason: s.reason, note: s.note || null });
  }
  return { ok: true as const, shortages };
}

/** A stop's place: the farm's or the order's coordinates (null when the order has none). */
const placeOf = (stop: {
  farm: { lat: number; lng: number } | null;
  order: { lat: number | null; lng: number | null } | null;
}) => {
  const lat = stop.farm?.lat ?? stop.order?.lat ?? null;
  const lng = stop.farm?.lng ?? stop.order?.lng ?? null;
  return lat === null || lng === null ? null : { latitude: lat, longitude: lng };
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The assigned driver, or the hub's coordinator; anyone else: 404 (docs/decisions/030).
  const access = await requireRouteAccess(request);
  const route = await getRouteSheet({ ...access, routeId: params.routeId ?? "" });
  if (!route) throw new Response(serverT("hub")("driver.routeNotFound"), { status: 404 });
  const { driverId: _driverId, driver: _driver, ...sheet } = route;
  const mayCorrect =
    access.driverId === null ||
    driverMayCorrect({ now: new Date(), deliveryDate: route.plan.cycle.deliveryDate, timeZone: route.timeZone });
  return json({
    route: {
      ...sheet,
      stops: sheet.stops.map((stop) => {
        const lines = (stop.order?.lines ?? []).filter((l) => stopCarriesLine(stop.cargo, l.chilled));
        return {
          ...stop,
          place: placeOf(stop),
          outcome: stopOutcomeView(stop, lines),
          lines: lines.map((l) => ({
            id: l.id,
            productName: l.productName,
            unit: l.unit,
            quantityMilli: l.quantityMilli,
            chilled: l.chilled,
          })),
          // The form's mark id until the browser makes its own (docs/decisions/032).
          markId: newServerMarkId(),
          undoMarkId: newServerMarkId(),
        };
      }),
    },
    timeZone: route.timeZone,
    depot: route.depot,
    asDriver: access.driverId !== null,
    mayCorrect,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireRouteAccess(request);
  const routeId = params.routeId ?? "";
  const { userId, ...scope } = access;
  // Who may mark, and on which plan, is settled before the form (and its photo) is read.
  const route = await checkRouteForMarks({ ...scope, routeId });
  if (!route.ok && route.status === 404) throw new Response(route.message, { status: 404 });
  if (!route.ok) return json({ error: route.message, stopId: null as string | null }, { status: route.status });
  const read = await readFormWithPhoto(request);
  if (!read.ok) return json({ error: read.message, stopId: null as string | null }, { status: 400 });
  const form = read.form;
  const fields = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string"));
  const stopIdSent = typeof fields.stopId === "string" ? fields.stopId : null;
  const parsed = DriverSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: issue?.message ?? serverT("hub")("driver.checkForm"), stopId: stopIdSent }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "start") {
    const started = await startRoute({ ...scope, routeId });
    if (!started.ok && started.status === 404) throw new Response(started.message, { status: 404 });
    if (!started.ok) return json({ error: started.message, stopId: null as string | null }, { status: started.status });
    return redirectWithToast(request, `/driver/routes/${routeId}`, serverT("hub")("driver.toast.started"));
  }
  const shortages = input.intent === "partial" ? readShortages(form) : ({ ok: true, shortages: [] } as const);
  if (!shortages.ok) return json({ error: shortages.message, stopId: input.stopId }, { status: 400 });
  const position = positionOf(input);
  if (!position.ok)
    return json({ error: serverT("hub")("proof.errors.position"), stopId: input.stopId }, { status: 400 });
  const photo = form.get("photo");
  const signature = SignatureFile.safeParse(form.get("signature") instanceof File ? form.get("signature") : null);
  if (!signature.success)
    return json({ error: signature.error.issues[0]?.message ?? "", stopId: input.stopId }, { status: 400 });
  const status = ({ delivered: "DONE", partial: "PARTIAL", failed: "FAILED", undo: "PENDING" } as const)[input.intent];
  const marked = await markStop({
    ...scope,
    userId,
    routeId,
    stopId: input.stopId,
    status,
    reason: input.intent === "failed" ? (input.failureNote ?? null) : null,
    failureCode: input.intent === "failed" ? input.failureCode : null,
    proof:
      input.intent === "delivered" || input.intent === "partial"
        ? {
            kind: input.proofKind ?? null,
            recipient: (input.proofKind === "SIGNATURE" ? input.signer : input.recipient) ?? null,
            safePlace: input.safePlace ?? null,
            photo: photo instanceof File ? photo : null,
            signature: signature.data,
            photoTakenAtMs: input.photoTakenAt ?? null,
          }
        : undefined,
    shortages: shortages.shortages,
    markId: input.markId,
    expectedVersion: input.version,
    position: position.position,
  });
  if (!marked.ok && marked.status === 404) throw new Response(marked.message, { status: 404 });
  if (!marked.ok)
    return json({ error: marked.message, stopId: input.stopId as string | null }, { status: marked.status });
  return redirectWithToast(request, `/driver/routes/${routeId}`, serverT("hub")(`driver.toast.${input.intent}`));
}

export default function DriverPage() {
  const { route } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  // Opens offline after this visit (docs/decisions/034), also when reached from the list (no document load).
  useDriverServiceWorker(routeSheetUrls(route.id), { onlyMissing: true });
  return (
    <OfflineMarksProvider userId={user?.id ?? null} routeId={route.id}>
      <RouteSheet />
    </OfflineMarksProvider>
  );
}

function RouteSheet() {
  const { route, timeZone, asDriver, mayCorrect } = useLoaderData<typeof loader>();
  const offline = useOfflineMarks();
  const actionData = useActionData<typeof action>();
  // A refused mark's message shows in its stop's form; others at the top.
  const errorFor = (stopId: string) =>
    actionData && "error" in actionData && actionData.stopId === stopId ? actionData.error : null;
  const { t } = useTranslation("hub");
  const format = useFormat();
  const time = (v: string) =>
    new Intl.DateTimeFormat(format.locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(v));
  const delivery = route.kind === "DELIVERY";
  // A mark kept on the phone counts as done here until the server has it.
  const kept = (stopId: string) => offline?.byStop.get(stopId);
  const left = route.stops.filter((s) => s.status === "PENDING" && !countsAsDoneLocally(kept(s.id))).length;
  // Started: an order of the route went out (or was already marked), as "Start route" or a first mark does.
  const started = route.stops.some(
    (s) => s.status !== "PENDING" || (s.order && s.order.status !== "CONFIRMED" && s.order.status !== "CANCELLED"),
  );
  return (
    <>
      <PageHeader
        title={`${route.vehicle.name}`}
        description={t("driver.summary", {
          run: t(delivery ? "driver.run.DELIVERY" : "driver.run.COLLECTION"),
          count: route.stops.length,
          left,
        })}
        breadcrumbs={
          asDriver
            ? [{ to: "/driver", label: t("driver.myRoutes") }]
            : [{ to: `/hub/routes/${route.id}/manifest`, label: t("driver.manifest") }]
        }
      />
      {actionData && "error" in actionData ? (
        <Alert tone="error">
          {actionData.error}
          {actionData.stopId ? (
            <>
              {" "}
              <a href={`#stop-${actionData.stopId}`}>{t("proof.form.toTheStop")}</a>
            </>
          ) : null}
        </Alert>
      ) : null}
      {delivery && started ? (
        <Alert tone="success">
          <Trans t={t} i18nKey="driver.routeStarted" components={{ started: <span data-testid="route-started" /> }} />
        </Alert>
      ) : delivery ? (
        <Form method="post" style={{ marginBottom: "1rem" }}>
          <SubmitButton
            name="intent"
            value="start"
            variant="secondary"
            className="btn-block"
            pendingText={t("driver.starting")}
          >
            {t("driver.startRoute")}
          </SubmitButton>
        </Form>
      ) : null}
      <DriverRouteMap />
      <ol style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {route.stops.map((stop) => {
          const name = stop.farm
            ? stop.farm.name
            : t("driver.orderStop", { number: stop.order?.number, buyer: stop.order?.buyer.name });
          const address = stop.farm?.address ?? stop.order?.address ?? "";
          const phone = stop.farm?.contactPhone ?? stop.order?.contactPhone ?? stop.order?.buyer.phone;
          const place = stop.place;
          const notes = stop.farm ? stop.farm.pickupInstructions : (stop.order?.notes ?? "");
          const keptMark = kept(stop.id);
          const waiting = keptMark?.state === "waiting" ? keptMark : null;
          const refused = keptMark?.state === "refused" ? keptMark : null;
          return (
            <li
              key={stop.id}
              id={`stop-${stop.id}`}
              className="driver-stop"
              data-status={waiting ? "KEPT" : stop.status}
              aria-label={t("driver.stopLabel", { sequence: stop.sequence, name })}
            >
              <h2 style={{ fontSize: "1.1rem" }}>
                {stop.sequence}. {name}
                {stop.partLabel ? <span className="small muted"> — {stop.partLabel}</span> : null}
              </h2>
              <p className="small" style={{ margin: 0 }}>
                {time(stop.arrivalAt)} · {format.weight(stop.gramsHandled)}
                {address ? (
                  <>
                    <br />
                    {address}
                  </>
                ) : null}
              </p>
              <p className="driver-links">
                {place ? (
                  <>
                    <a className="btn btn-secondary" href={`geo:${place.latitude},${place.longitude}`}>
                      {t("driver.navigate")}
                    </a>
                    <a
                      className="btn btn-secondary"
                      href={`https://www.openstreetmap.org/?mlat=${place.latitude}&mlon=${place.longitude}#map=17/${place.latitude}/${place.longitude}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t("driver.openStreetMap")}
                    </a>
                  </>
                ) : address ? (
                  <a
                    className="btn btn-secondary"
                    href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t("driver.openStreetMap")}
                  </a>
                ) : null}
                {phone ? (
                  <a className="btn btn-secondary" href={`tel:${phone.replace(/[^\d+]/g, "")}`}>
                    {t(stop.farm ? "driver.callFarm" : "driver.callBuyer", { phone })}
                  </a>
                ) : null}
              </p>
              {notes ? (
                <p className="driver-notes small">
                  {t(stop.farm ? "driver.pickupNotes" : "driver.buyerNotes", { notes })}
                </p>
              ) : null}
              {stop.items.length > 0 ? (
                <ul className="manifest-items">
                  {stop.items.map((l, i) => (
                    <li key={i}>
                      {format.quantity(l.quantityMilli, l.unit)} {l.productName}
                      {l.chilled ? <span className="chilled-mark"> ❄ {t("manifest.chilled")}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {refused ? <KeptMarkNotice mark={refused} onDiscard={() => offline?.discard(refused.markId)} /> : null}
              {waiting ? (
                <KeptMarkNotice mark={waiting} onDiscard={() => offline?.discard(waiting.markId)} />
              ) : stop.status !== "PENDING" ? (
                <>
                  <StopOutcome outcome={stop.outcome} timeZone={timeZone} testId={`outcome-${stop.sequence}`} />
                  {delivery && mayCorrect ? (
                    <details className="driver-correct">
                      <summary>{t("proof.form.change", { sequence: stop.sequence })}</summary>
                      <div className="driver-actions">
                        <UndoMarkForm
                          stopId={stop.id}
                          version={stop.version}
                          sequence={stop.sequence}
                          markIdFallback={stop.undoMarkId}
                        />
                        <MarkStopForm
                          stopId={stop.id}
                          version={stop.version}
                          sequence={stop.sequence}
                          name={name}
                          lines={stop.lines}
                          safePlaceHint={stop.order?.notes ?? ""}
                          markIdFallback={stop.markId}
                          error={errorFor(stop.id)}
                          submitLabel={t("proof.form.saveChange")}
                        />
                      </div>
                    </details>
                  ) : null}
                </>
              ) : delivery ? (
                <div className="driver-actions">
                  <MarkStopForm
                    stopId={stop.id}
                    version={stop.version}
                    sequence={stop.sequence}
                    name={name}
                    lines={stop.lines}
                    safePlaceHint={stop.order?.notes ?? ""}
                    markIdFallback={stop.markId}
                    error={errorFor(stop.id)}
                  />
                </div>
              ) : (
                <div className="driver-actions">
                  <Form method="post">
                    <input type="hidden" name="stopId" value={stop.id} />
                    <SubmitButton name="intent" value="delivered">
                      <Trans
                        t={t}
                        i18nKey="driver.markCollected"
                        values={{ sequence: stop.sequence }}
                        components={{ hidden: <span className="visually-hidden" /> }}
                      />
                    </SubmitButton>
                  </Form>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/**
 * The route on a map: the depot and the stops in order. Its tiles along the route are kept on the
 * phone (docs/decisions/034), so it also opens without signal after one online visit.
 */
function DriverRouteMap() {
  const { route, depot } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const env = usePublicEnv();
  const stops = route.stops.flatMap((stop) =>
    stop.place
      ? [
          {
            lat: stop.place.latitude,
            lng: stop.place.longitude,
            sequence: stop.sequence,
            label: stop.farm ? stop.farm.name : `#${stop.order?.number ?? ""}`,
          },
        ]
      : [],
  );
  const tileTemplate = env?.TILE_URL ?? null;
  const tileKey = JSON.stringify([tileTemplate, depot, stops.map((s) => [s.lat, s.lng])]);
  useEffect(() => {
    const [template, from, points] = JSON.parse(tileKey) as [string | null, { lat: number; lng: number }, number[][]];
    if (!template || points.length === 0) return;
    const line = [from, ...points.map(([lat, lng]) => ({ lat: lat!, lng: lng! })), from];
    keepRouteTiles(routeTiles(line).map((tile) => tileUrl(template, tile)));
  }, [tileKey]);
  if (stops.length === 0) return null;
  return (
    <section className="driver-route-map" aria-label={t("driver.map.label")}>
      <RouteMap
        height="260px"
        placeholder={t("driver.map.loading")}
        depot={depot}
        label={t("driver.map.label")}
        routes={[{ id: route.id, label: route.vehicle.name, colour: routeColour(0), stops }]}
      />
    </section>
  );
}
