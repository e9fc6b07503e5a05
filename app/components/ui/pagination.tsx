import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Page links that keep the current query (filters, search) and mark the current page. */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const pageLink = (number: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("page", String(number));
    return `?${params}`;
  };
  return (
    <nav aria-label={t("ui.pages")} className="row" style={{ marginTop: "1rem" }}>
      {Array.from({ length: pages }, (_, index) => index + 1).map((number) => (
        <Link
          key={number}
          to={pageLink(number)}
          aria-current={number === page ? "page" : undefined}
          aria-label={t("ui.page", { number })}
          className="btn btn-ghost btn-small"
        >
          {number}
        </Link>
      ))}
    </nav>
  );
}
