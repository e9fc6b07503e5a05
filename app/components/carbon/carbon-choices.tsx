import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import type { DistanceUnit } from "./format";

/** One way to receive the basket and what it adds (services/carbon-estimate.server.ts). */
export interface CarbonChoiceView {
  kind: "DELIVERY" | "PICKUP";
  slotId: string | null;
  co2eGrams: number | null;
  metres: number | null;
  lowest: boolean;
}

export interface CarbonChoicesView {
  options: CarbonChoiceView[];
  deliveryLower: boolean;
}

export function findChoice(
  choices: CarbonChoicesView | null,
  kind: CarbonChoiceView["kind"],
  slotId: string | null = null,
): CarbonChoiceView | null {
  return choices?.options.find((c) => c.kind === kind && c.slotId === slotId) ?? null;
}

/**
 * Home delivery in its best slot (the "from …" figure), marked lowest when it emits less than
 * collecting.
 */
export function bestDelivery(choices: CarbonChoicesView | null): CarbonChoiceView | null {
  let best: CarbonChoiceView | null = null;
  for (const c of choices?.options ?? []) {
    if (c.kind !== "DELIVERY" || c.co2eGrams === null) continue;
    if (best === null || c.co2eGrams < (best.co2eGrams as number)) best = c;
  }
  return best && { ...best, lowest: choices?.deliveryLower === true };
}

/**
 * The figure next to a checkout choice: "adds 40 g CO2e · 1.2 km more van driving", and "Lowest
 * CO2e" when it is.
 */
export function ChoiceFigure({
  choice,
  distanceUnit,
  from = false,
}: {
  choice: CarbonChoiceView | null;
  distanceUnit: DistanceUnit;
  /** Home delivery's best slot: "adds from …". */
  from?: boolean;
}) {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  if (choice === null || choice.co2eGrams === null) return null;
  const values = { co2e: format.co2e(choice.co2eGrams), distance: format.distance(choice.metres ?? 0, distanceUnit) };
  const text =
    choice.kind === "PICKUP"
      ? t("checkout.choices.pickup", values)
      : from
        ? t("checkout.choices.deliveryFrom", values)
        : t("checkout.choices.delivery", values);
  return (
    <span className="choice-carbon">
      <span>{text}</span>
      {choice.lowest ? <span className="badge choice-lowest">{t("checkout.choices.lowest")}</span> : null}
    </span>
  );
}
