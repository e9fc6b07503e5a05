// When a hub has more than one delivery cycle open for ordering, the buyer chooses which one the
// basket is for (basket and checkout). A GET form: it works without JavaScript, and the chosen cycle
// travels in the address (?cycle=) to checkout, where the order is placed for it.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "./i18n";

export interface OpenCycleOption {
  id: string;
  name: string;
  cutoffAt: string;
  deliveryDate: string;
}

export function OrderingCycleChoice({
  cycles,
  selected,
  timeZone,
  keep = {},
}: {
  cycles: OpenCycleOption[];
  selected: string;
  timeZone: string;
  /** Other query parameters of the page to keep (checkout's fulfilment and point). */
  keep?: Record<string, string>;
}) {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  if (cycles.length < 2) return null;
  return (
    <Form method="get" className="card cycle-choice no-print" aria-label={t("cycleChoice.label")}>
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="ordering-cycle">{t("cycleChoice.basketFor")}</label>
        <p className="hint" id="ordering-cycle-hint">
          {t("cycleChoice.hint", { count: cycles.length })}
        </p>
        <div className="row">
          <select
            id="ordering-cycle"
            name="cycle"
            defaultValue={selected}
            aria-describedby="ordering-cycle-hint"
            className="input"
          >
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {t("cycleChoice.option", {
                  cycle: c.name,
                  delivery: format.date(c.deliveryDate, timeZone),
                  cutoff: format.dateTime(c.cutoffAt, timeZone),
                })}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-secondary">
            {t("cycleChoice.choose")}
          </button>
        </div>
      </div>
    </Form>
  );
}
