// Stripe's return_url after onboarding (docs/decisions/035): read the farm's account from Stripe,
// store its status, and show the payouts page with what it became. Only the signed-in farmer's own
// farm: nothing in the URL names an account.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { serverT } from "~/i18n/i18n.server";
import { syncFarmPayoutStatus } from "~/services/connect.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const result = await syncFarmPayoutStatus({ ownerId: user.id });
  if (!result.ok)
    return result.status === 404
      ? redirect("/farm/payouts")
      : redirectWithToast(request, "/farm/payouts", result.message);
  return redirectWithToast(request, "/farm/payouts", serverT("farmer")(`payouts.returned.${result.status}`));
}
