// Names typed by users (farms, buyers, products, cycles) reach sentences through <Trans values>.
// They must render as text: a name that looks like markup is shown, never parsed into elements.
import i18next from "i18next";
import { renderToString } from "react-dom/server";
import { Trans } from "react-i18next";
import { expect, it } from "vitest";

it("renders interpolated values as text, even when they look like markup", async () => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: "en",
    resources: { en: { hub: { item: "<label>{{label}}</label>: {{reason}}" } } },
    interpolation: { escapeValue: false },
  });
  const t = instance.getFixedT("en", "hub");
  const render = (label: string) =>
    renderToString(
      <Trans t={t} i18nKey="item" values={{ label, reason: "<i>late</i>" }} components={{ label: <strong /> }} />,
    );
  expect(render("<strong>x</strong><img src=x onerror=alert(1)>")).toBe(
    "<strong>&lt;strong&gt;x&lt;/strong&gt;&lt;img src=x onerror=alert(1)&gt;</strong>: &lt;i&gt;late&lt;/i&gt;",
  );
  expect(render("A < B & <label>C</label>")).toBe(
    "<strong>A &lt; B &amp; &lt;label&gt;C&lt;/label&gt;</strong>: &lt;i&gt;late&lt;/i&gt;",
  );
});
