import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** The title and explanation for a status (500 for anything unexpected). */
function copyFor(status: number, t: TFunction): { title: string; body: string } {
  switch (status) {
    case 400:
      return { title: t("errors.400.title"), body: t("errors.400.body") };
    case 401:
      return { title: t("errors.401.title"), body: t("errors.401.body") };
    case 403:
      return { title: t("errors.403.title"), body: t("errors.403.body") };
    case 404:
      return { title: t("errors.404.title"), body: t("errors.404.body") };
    default:
      return { title: t("errors.500.title"), body: t("errors.500.body") };
  }
}

/** Route error boundary with a message per status; used by the root and by routes that need it. */
export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const copy = copyFor(status, t);
  // A 4xx thrown with a message of its own (already in the reader's language) says it instead.
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <div className="error-page">
      <p className="error-code">{status}</p>
      <h1>{copy.title}</h1>
      <p>{detail && detail !== copy.title ? detail : copy.body}</p>
      <p>
        <Link to="/" className="btn btn-primary">
          {t("errors.goHome")}
        </Link>
      </p>
    </div>
  );
}
