// When a hub has more than one delivery cycle open for ordering, the buyer chooses which one the
// basket is for (basket and checkout). A GET form: it works without JavaScript, and the chosen cycle
// travels in the address (?cycle=) to checkout, where the order is placed for it.
import { Form } from "@remix-run/react";
import { formatDate, formatDateTime } from "~/utils/format";

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
  if (cycles.length < 2) return null;
  return (
    <Form method="get" className="card cycle-choice no-print" aria-label="Choose the delivery cycle">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="ordering-cycle">This basket is for</label>
        <p className="hint" id="ordering-cycle-hint">
          {cycles.length} delivery cycles are open for ordering. Choose the delivery you want.
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
                {c.name} — delivery {formatDate(c.deliveryDate, timeZone)}, order by{" "}
                {formatDateTime(c.cutoffAt, timeZone)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-secondary">
            Choose this delivery
          </button>
        </div>
      </div>
    </Form>
  );
}
