import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { cycleStatusLabel } from "./cycle-status";
import { useFormat } from "./i18n";

export function OrderCyclePicker({
  cycles,
  selected,
}: {
  cycles: Array<{ id: string; name: string; deliveryDate: string; timeZone: string; effectiveStatus: string }>;
  selected: string | null;
}) {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  if (cycles.length === 0) return null;
  return (
    <Form method="get" className="row no-print" style={{ marginBottom: "1rem" }}>
      <label htmlFor="cycle">{t("cyclePicker.label")}</label>
      <select
        id="cycle"
        name="cycle"
        defaultValue={selected ?? ""}
        className="input"
        style={{ width: "auto", maxWidth: "100%" }}
      >
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {t("cyclePicker.option", {
              cycle: c.name,
              delivery: format.date(c.deliveryDate, c.timeZone),
              status: cycleStatusLabel(c.effectiveStatus, t).toLocaleLowerCase(format.locale),
            })}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-secondary btn-small">
        {t("cyclePicker.show")}
      </button>
    </Form>
  );
}
