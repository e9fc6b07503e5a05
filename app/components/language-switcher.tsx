// The footer's language chooser. A visitor who is not signed in picks a language here: a plain form
// posted to /language, which remembers it in a cookie and comes back to this page (it works
// without JavaScript). A signed-in user's choice lives in the account.
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "~/locales/languages";
import { useLanguage } from "./i18n";

export function LanguageSwitcher({ signedIn, choice }: { signedIn: boolean; choice: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { pathname, search } = useLocation();
  if (signedIn) {
    return <Link to="/account#language">{t("language.inAccount", { language: LANGUAGE_NAMES[language] })}</Link>;
  }
  return (
    <form method="post" action="/language" className="language-switcher">
      <input type="hidden" name="redirectTo" value={`${pathname}${search}`} />
      <label htmlFor="footer-language">{t("language.label")}</label>
      <select id="footer-language" name="language" defaultValue={choice}>
        <option value="auto">{t("language.auto")}</option>
        {SUPPORTED_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-secondary btn-small">
        {t("language.change")}
      </button>
    </form>
  );
}
