import { Form } from "@remix-run/react";
import { formatDate } from "~/utils/format";
import { cycleStatusText } from "./cycle-status";

export function OrderCyclePicker({
  cycles,
  selected,
}: {
  cycles: Array<{ id: string; name: string; deliveryDate: string; effectiveStatus: string }>;
  selected: string | null;
}) {
  if (cycles.length === 0) return null;
  return (
    <Form method="get" className="row no-print" style={{ marginBottom: "1rem" }}>
      <label htmlFor="cycle">Delivery cycle</label>
      <select
        id="cycle"
        name="cycle"
        defaultValue={selected ?? ""}
        className="input"
        style={{ width: "auto", maxWidth: "100%" }}
      >
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} — {formatDate(c.deliveryDate)} ({cycleStatusText(c.effectiveStatus).toLowerCase()})
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-secondary btn-small">
        Show
      </button>
    </Form>
  );
}
