// The farmer's payouts (docs/decisions/035): the farm's Stripe Connect status in words, and
// "Connect with Stripe" (an Express account, opened once, and Stripe's hosted onboarding). Without
// Stripe configured, payouts are by bank transfer and there is nothing to connect.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PayoutStatusBadge } from "~/components/farm/payout-status";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getFarmPayouts, startOnboarding } from "~/services/connect.server";
import discoveryCss from "~/styles/discovery.css";
import { requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("payouts.metaTitle") }];

const ConnectSchema = z.object({
  intent: z.literal("connect"),
  // The farm the page was showing: it must be the farmer's own (the service checks).
  farmId: z.string().trim().min(1).max(64).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const payouts = await getFarmPayouts({ ownerId: user.id });
  if (!payouts) return redirect("/farm/new");
  return json(payouts);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const t = serverT("farmer");
  const parsed = ConnectSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: t("payouts.badRequest") }, { status: 400 });
  const result = await startOnboarding({
    ownerId: user.id,
    farmId: parsed.data.farmId,
    origin: new URL(request.url).origin,
  });
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    return json({ error: result.message }, { status: result.status });
  }
  // Stripe's hosted onboarding (303: the browser follows it with a GET).
  return redirect(result.url, { status: 303 });
}

const TONE = { NOT_CONNECTED: "info", PENDING: "warning", ENABLED: "success", RESTRICTED: "error" } as const;

export default function FarmPayoutsPage() {
  const { farm, stripe } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("farmer");
  const status = farm.status;
  return (
    <>
      <PageHeader
        title={t("payouts.title")}
        description={t("payouts.description", { name: farm.name })}
        breadcrumbs={[{ to: "/farm", label: t("common:nav.myFarm") }]}
      />
      <Card title={t("payouts.cardTitle")}>
        {!stripe ? (
          <p data-testid="payout-bank-transfer">{t("payouts.bankTransfer")}</p>
        ) : (
          <>
            <p>
              {t("payouts.statusLabel")} <PayoutStatusBadge status={status} />
            </p>
            <Alert tone={TONE[status]}>{t(`payouts.next.${status}`)}</Alert>
            {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
            {status !== "ENABLED" ? (
              <Form method="post" style={{ marginTop: "1rem" }}>
                <input type="hidden" name="farmId" value={farm.id} />
                <SubmitButton name="intent" value="connect" pendingText={t("payouts.opening")}>
                  {farm.connected ? t("payouts.continue") : t("payouts.connect")}
                </SubmitButton>
              </Form>
            ) : null}
            <p className="small muted" style={{ marginTop: "1rem" }}>
              {t("payouts.howItWorks")}
            </p>
          </>
        )}
        <p style={{ marginTop: "1rem" }}>
          <Link to="/farm">{t("payouts.back")}</Link>
        </p>
      </Card>
    </>
  );
}
