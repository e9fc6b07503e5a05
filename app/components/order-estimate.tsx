import { Link } from "@remix-run/react";
import { formatCo2e } from "~/domain/carbon/format";
import { formatDistance } from "~/domain/geo/format";

/** Food miles and CO2e for an order, with the method link. */
export function OrderEstimate({
  foodMetres,
  co2eGrams,
  allocated = false,
  distanceUnit = "KM",
  reason,
}: {
  foodMetres: number | null;
  co2eGrams: number | null;
  allocated?: boolean;
  distanceUnit?: "KM" | "MI";
  reason?: string | null;
}) {
  return (
    <section className="estimate" aria-label="Food miles and carbon" data-testid="order-estimate">
      <h3 style={{ margin: 0 }}>{allocated ? "Food miles and carbon (from planned routes)" : "Estimated food miles and carbon"}</h3>
      {co2eGrams !== null && foodMetres !== null ? (
        <div className="estimate-figures">
          <div>
            <strong>{formatDistance(foodMetres, distanceUnit)}</strong>
            <span className="small muted">food travelled</span>
          </div>
          <div>
            <strong>{formatCo2e(co2eGrams)} CO2e</strong>
            <span className="small muted">transport emissions</span>
          </div>
        </div>
      ) : (
        <p className="small">{reason ?? "No estimate for this order yet."}</p>
      )}
      <p className="small" style={{ margin: 0 }}>
        {allocated ? "Your share of the actual routes." : "An estimate until the hub plans its routes."} <Link to="/carbon">How we count carbon</Link>
      </p>
    </section>
  );
}
