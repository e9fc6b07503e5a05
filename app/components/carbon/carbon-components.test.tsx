import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CarbonEstimate } from "./carbon-estimate";
import { allocatedOrderFields, estimatedOrderFields, estimateFor } from "../../../tests/fixtures/carbon-orders";
import { OrderCarbon } from "./order-carbon";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("<CarbonEstimate>", () => {
  it("shows food distance in the buyer's unit, the CO2e, the comparison and the method link", () => {
    const html = renderToString(
      <CarbonEstimate estimate={estimateFor({ farmToHubMetres: 15_000 })} distanceUnit="MI" />,
    );
    const t = text(html);
    expect(t).toContain("Estimate");
    expect(t).toMatch(/Food distance [\d.]+ mi/);
    expect(t).toMatch(/Transport emissions \d+ g CO2e/);
    expect(t).toContain("at least");
    expect(html).toContain('href="/carbon"');
  });

  it("says 'not estimated' with the reason instead of a zero", () => {
    const t = text(renderToString(<CarbonEstimate estimate={estimateFor({ farmToHubMetres: 15_000, grams: null })} />));
    expect(t).toContain("Not estimated.");
    expect(t).toContain("No weight data for goods from Hill Farm");
    expect(t).not.toMatch(/\b0 g\b/);
  });
});

describe("<OrderCarbon>", () => {
  it("labels the checkout figure as an estimate", () => {
    const t = text(renderToString(<OrderCarbon {...estimatedOrderFields()} distanceUnit="KM" />));
    expect(t).toContain("Estimate");
    expect(t).not.toContain("Allocated after route planning");
    expect(t).toContain("factor set desnz-2025");
  });

  it("shows the allocated figure with its breakdown by leg and by farm", () => {
    const fields = allocatedOrderFields();
    const html = renderToString(<OrderCarbon {...fields} distanceUnit="KM" />);
    const t = text(html);
    expect(t).toContain("Allocated after route planning");
    expect(t).toContain("Estimated at checkout");
    expect(t).toContain("Hub → you");
    expect(t).toContain("Hill Farm");
    expect(t).toContain("Vale Dairy");
    expect(t).toContain("distances: road distances from a routing server");
    expect(html).toContain("<caption>By leg</caption>");
    expect(html).toContain('scope="row"');
  });

  it("renders an order without carbon data", () => {
    const t = text(
      renderToString(
        <OrderCarbon
          estFoodMetres={null}
          estCo2eGrams={null}
          allocFoodMetres={null}
          allocCo2eGrams={null}
          carbonMethodVersion={null}
          carbonFactorSet={null}
          carbonDetail={null}
        />,
      ),
    );
    expect(t).toContain("No carbon figure was recorded for this order.");
  });
});
