import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { i18nForRender } from "~/i18n/i18n.server";
import type { Language } from "~/locales/languages";
import { CollectSuggestions, type CollectPanelData } from "./collect-suggestions";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");
const render = (data: CollectPanelData, language: Language = "en") =>
  renderToString(
    <I18nextProvider i18n={i18nForRender(language)}>
      <CollectSuggestions data={data} />
    </I18nextProvider>,
  );

const suggestion = {
  farmId: "f1",
  routeId: "r1",
  text: "Collecting Timsbury Farm on Collection 1 adds 2.9 km and saves 19.2 kg CO2e.",
  details: ["Its own round trip to the hub: 61 km, 20.2 kg CO2e."],
  otherRoutes: [
    { routeId: "r2", routeName: "Collection 2", savedGrams: 15_400 },
    { routeId: "r3", routeName: "Collection 3", savedGrams: 900 },
  ],
};

describe("<CollectSuggestions>", () => {
  it("lists each suggestion with its figures and the other routes that also save", () => {
    const html = render({
      farmsChecked: 2,
      suggestions: [suggestion],
      notSuggested: [{ farmId: "f2", farmName: "Far Farm", text: "Its own trip emits less." }],
    });
    const t = text(html);
    expect(t).toContain("Collect a farm instead of its own trip");
    expect(t).toContain(suggestion.text);
    expect(t).toContain("Its own round trip to the hub: 61 km, 20.2 kg CO2e.");
    expect(t).toContain("Also saves on Collection 2 (15.4 kg) and Collection 3 (900 g).");
    expect(t).toContain("1 farm checked without a suggestion");
    expect(html).toContain("<strong>Far Farm</strong>: Its own trip emits less.");
    expect(t).toContain("Suggestions only");
  });

  it("has an empty state when no farm would save, and when none brings its own goods", () => {
    expect(text(render({ farmsChecked: 3, suggestions: [], notSuggested: [] }))).toContain(
      "Collecting any of the 3 farms that bring their own goods would not cut emissions on these routes.",
    );
    const none = text(render({ farmsChecked: 0, suggestions: [], notSuggested: [] }));
    expect(none).toContain("No farm brings its own goods to the hub in this cycle");
    expect(none).not.toContain("Suggestions only");
  });

  it("writes the figures the French way", () => {
    const t = text(render({ farmsChecked: 1, suggestions: [suggestion], notSuggested: [] }, "fr"));
    expect(t).toContain("Économise aussi sur Collection 2 (15,4 kg) et Collection 3 (900 g).");
  });
});
