import { redirect } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/utils/session.server";

// The admin overview is the admin's home page.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return redirect("/");
}
