// Stripe's refresh_url (the onboarding link expired or was already used, docs/decisions/035): a new
// link for the farmer's own account, straight back to Stripe.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { refreshOnboarding } from "~/services/connect.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const result = await refreshOnboarding({ ownerId: user.id, origin: new URL(request.url).origin });
  if (result.ok) return redirect(result.url, { status: 303 });
  return result.status === 404
    ? redirect("/farm/payouts")
    : redirectWithToast(request, "/farm/payouts", result.message);
}
