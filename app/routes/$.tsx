import { serverT } from "~/i18n/i18n.server";

// Any unknown URL: the 404 page through the root error boundary.
export async function loader() {
  throw new Response(serverT()("errors.404.title"), { status: 404 });
}

export default function NotFound() {
  return null;
}
