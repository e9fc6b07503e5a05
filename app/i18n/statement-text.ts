// The words of a transport emissions statement's line (domain/carbon/statement): its figure, method,
// emission factors and data quality, in the reader's language. The statement page and its CSV both
// write them from here, so the file says what the page says. Client-safe; any namespace's `t` will
// do (the keys name theirs).
import type { TFunction } from "i18next";
import type { StatementFactor, StatementLine } from "~/domain/carbon/statement";

/** Writes a factor's value: "0.34584" in a CSV, the reader's way on a page. */
export type NumberText = (value: number) => string;

export function figureText(line: Pick<StatementLine, "figure">, t: TFunction): string {
  return t(`messages:transportStatement.figure.${line.figure}`);
}

export function methodText(line: Pick<StatementLine, "method">, t: TFunction): string {
  return line.method === null ? "—" : t(`messages:transportStatement.method.${line.method}`);
}

export function factorText(factor: StatementFactor, t: TFunction, number: NumberText): string {
  if (factor.kgPerKm === null) return t("messages:transportStatement.factorUnknown", { key: factor.key });
  return t(
    factor.refrigerated ? "messages:transportStatement.factorRefrigerated" : "messages:transportStatement.factor",
    // The source's name for the factor (as DESNZ publishes it); its key when the set has none.
    { key: factor.label ?? factor.key, value: number(factor.kgPerKm), year: factor.year ?? "—" },
  );
}

/** Every factor of the line, and what the figure did not record. */
export function factorsTexts(
  line: Pick<StatementLine, "factors" | "factorsRecorded" | "figure">,
  t: TFunction,
  number: NumberText,
): string[] {
  const texts = line.factors.map((f) => factorText(f, t, number));
  if (!line.factorsRecorded && line.figure === "ESTIMATE")
    texts.push(t("messages:transportStatement.factorsNotRecordedEstimate"));
  if (!line.factorsRecorded && line.figure === "ALLOCATED")
    texts.push(t("messages:transportStatement.factorsNotRecordedRoute"));
  return texts;
}

/** The quality level ("Routed, road-network distances") and what else the stored figure says. */
export function qualityTexts(line: Pick<StatementLine, "quality">, t: TFunction): { level: string; details: string[] } {
  const { quality } = line;
  const level =
    quality.level === null
      ? t("messages:transportStatement.quality.unknown")
      : t(`messages:transportStatement.quality.${quality.level}`);
  const details: string[] = [];
  if (quality.roundSources) {
    details.push(
      t("messages:transportStatement.quality.rounds", {
        collection: t(`messages:transportStatement.quality.roundSource.${quality.roundSources.collection}`),
        delivery: t(`messages:transportStatement.quality.roundSource.${quality.roundSources.delivery}`),
      }),
    );
  }
  if (quality.ownTripModelled) details.push(t("messages:transportStatement.quality.ownTrip"));
  return { level, details };
}
