// One select per route of the plan: who drives it (docs/decisions/030). It posts to the route's
// manifest action (the same zod schema and the same rules: an active driver of the hub, the
// cycle's current plan), which sends the coordinator back to the plan; errors show here.
import { useFetcher } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";

export function RouteDriverForm({
  routeId,
  routeName,
  driverId,
  driverName,
  drivers,
}: {
  routeId: string;
  routeName: string;
  driverId: string | null;
  driverName: string | null;
  drivers: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { t } = useTranslation("hub");
  const fetcher = useFetcher<{ error?: string }>();
  const error = fetcher.state === "idle" && fetcher.data && "error" in fetcher.data ? fetcher.data.error : null;
  const pending = fetcher.state !== "idle";
  // A driver deactivated after a delivered cycle keeps their route: named, not offered.
  const gone = driverId !== null && !drivers.some((d) => d.id === driverId);
  const selectId = `driver-${routeId}`;
  const errorId = `driver-${routeId}-error`;
  return (
    <fetcher.Form
      method="post"
      action={`/hub/routes/${routeId}/manifest`}
      className="move-form route-driver no-print"
      aria-label={t("plan.assignDriver.formLabel", { route: routeName })}
    >
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="returnTo" value="plan" />
      <div className="field">
        <label htmlFor={selectId}>{t("manifest.assign.label")}</label>
        <select
          id={selectId}
          key={driverId ?? ""}
          name="driverId"
          defaultValue={driverId ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        >
          <option value="">{t("manifest.assign.nobody")}</option>
          {gone ? <option value={driverId}>{t("manifest.assign.inactive", { name: driverName ?? "" })}</option> : null}
          {drivers.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="btn btn-secondary btn-small"
        aria-disabled={pending || undefined}
        disabled={pending}
      >
        {pending ? (
          <>
            <span className="spinner" aria-hidden="true" /> {t("manifest.assign.saving")}
          </>
        ) : (
          <Trans
            t={t}
            i18nKey="plan.assignDriver.submit"
            components={{ hidden: <span className="visually-hidden" /> }}
          />
        )}
      </button>
      {error ? (
        <p id={errorId} className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
