import { Link, useSearchParams } from "@remix-run/react";

/** Page links that keep the current query (filters, search) and mark the current page. */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const [searchParams] = useSearchParams();
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="row" style={{ marginTop: "1rem" }}>
      {Array.from({ length: pages }, (_, index) => index + 1).map((number) => {
        const params = new URLSearchParams(searchParams);
        params.set("page", String(number));
        return (
          <Link
            key={number}
            to={`?${params}`}
            aria-current={number === page ? "page" : undefined}
            aria-label={`Page ${number}`}
            className="btn btn-ghost btn-small"
          >
            {number}
          </Link>
        );
      })}
    </nav>
  );
}
