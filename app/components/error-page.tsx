import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const COPY: Record<number, { title: string; body: string }> = {
  400: { title: "That request could not be used", body: "Check the details you sent and try again." },
  401: { title: "Please log in", body: "You need to be logged in to see this page." },
  403: {
    title: "You do not have access to this page",
    body: "Your account's role does not include this page. If you think it should, ask your hub's administrator.",
  },
  404: {
    title: "We could not find that page",
    body: "The address may be mistyped, or the item was removed or belongs to someone else.",
  },
  500: { title: "Something went wrong on our side", body: "The error has been logged. Try again in a moment." },
};

/** Route error boundary with a message per status; used by the root and by routes that need it. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const copy = COPY[status] ?? COPY[500]!;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <div className="error-page">
      <p className="error-code">{status}</p>
      <h1>{copy.title}</h1>
      <p>{detail && detail !== copy.title ? detail : copy.body}</p>
      <p>
        <Link to="/" className="btn btn-primary">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
