// The plan page's panel of farms worth collecting instead of their own trip to the hub
// (app/domain/planning/collect-suggestions.ts). Informational: nothing here changes the plan.
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { Card } from "~/components/ui/page";

export interface CollectPanelData {
  farmsChecked: number;
  suggestions: Array<{
    farmId: string;
    routeId: string;
    text: string;
    details: string[];
    otherRoutes: Array<{ routeId: string; routeName: string; savedGrams: number }>;
  }>;
  notSuggested: Array<{ farmId: string; farmName: string; text: string }>;
}

export function CollectSuggestions({ data }: { data: CollectPanelData }) {
  const { t } = useTranslation("hub");
  const format = useFormat();
  const list = new Intl.ListFormat(format.locale, { style: "long", type: "conjunction" });
  const none = data.suggestions.length === 0;
  return (
    <Card title={t("plan.collect.title")} className="collect-suggestions">
      <p className="small muted">{t("plan.collect.intro")}</p>
      {data.farmsChecked === 0 ? (
        <p role="status">{t("plan.collect.noFarms")}</p>
      ) : none ? (
        <p role="status">{t("plan.collect.none", { count: data.farmsChecked })}</p>
      ) : (
        <ul className="collect-list" aria-label={t("plan.collect.suggestionsLabel")}>
          {data.suggestions.map((s) => (
            <li key={s.farmId}>
              <strong>{s.text}</strong>
              <ul className="small">
                {s.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
                {s.otherRoutes.length > 0 ? (
                  <li>
                    {t("plan.collect.alsoOn", {
                      routes: list.format(
                        s.otherRoutes.map((o) =>
                          t("plan.collect.routeSaving", { route: o.routeName, co2e: format.co2e(o.savedGrams) }),
                        ),
                      ),
                    })}
                  </li>
                ) : null}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {data.notSuggested.length > 0 ? (
        <details>
          <summary>{t("plan.collect.notSuggested", { count: data.notSuggested.length })}</summary>
          <ul className="small">
            {data.notSuggested.map((n) => (
              <li key={n.farmId}>
                <Trans
                  t={t}
                  i18nKey="plan.collect.notSuggestedItem"
                  values={{ farm: n.farmName, reason: n.text }}
                  components={{ farm: <strong /> }}
                />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {data.farmsChecked > 0 ? (
        <>
          <p className="small muted">{t("plan.collect.advice")}</p>
          <p className="small muted">{t("plan.collect.basis")}</p>
        </>
      ) : null}
    </Card>
  );
}
