import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { BasketLine } from "~/components/basket-line";
import { OrderCycleBanner } from "~/components/order-cycle-banner";
import { OrderingCycleChoice } from "~/components/ordering-cycle-choice";
import { useFormat } from "~/components/i18n";
import { Card, EmptyState, PageHeader } from "~/components/ui/page";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { addToBasket, getBasketView, removeBasketLine, updateBasketLine } from "~/services/basket.server";
import { basketOwner, writeGuestBasket } from "~/utils/guest-basket.server";
import orderingCss from "~/styles/ordering.css";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "buyer")("basket.metaTitle") }];

const QuantityField = z
  .string({ error: lazyT("buyer:quantity.required") })
  .max(20, { error: lazyT("buyer:quantity.likeExample") });

const BasketActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    productId: z.string().trim().min(1).max(64),
    quantity: QuantityField,
  }),
  z.object({
    intent: z.literal("update"),
    productId: z.string().trim().min(1).max(64),
    quantity: QuantityField,
  }),
  z.object({ intent: z.literal("remove"), productId: z.string().trim().min(1).max(64) }),
]);

async function basketUser(request: Request) {
  const user = await getUser(request);
  if (user && user.role !== "BUYER") {
    throw json({ ok: false, message: serverT("buyer")("basket.buyersOnly") }, { status: 403 });
  }
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user && user.role !== "BUYER") {
    return json({ basket: null, signedIn: true, isBuyer: false });
  }
  const cycleId = new URL(request.url).searchParams.get("cycle");
  const basket = await getBasketView({ ...(await basketOwner(request, user)), cycleId });
  return json({ basket, signedIn: Boolean(user), isBuyer: true });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await basketUser(request);
  const submission = parseWithZod(await request.formData(), { schema: BasketActionSchema });
  if (submission.status !== "success") {
    const messages = Object.values(submission.error ?? {})
      .flat()
      .filter(Boolean);
    return json({ ok: false, message: messages[0] ?? serverT("buyer")("basket.checkForm") }, { status: 400 });
  }
  const value = submission.value;
  const owner = await basketOwner(request, user);
  const result =
    value.intent === "add"
      ? await addToBasket({ ...owner, productId: value.productId, quantity: value.quantity })
      : value.intent === "update"
        ? await updateBasketLine({ ...owner, productId: value.productId, quantity: value.quantity })
        : await removeBasketLine({ ...owner, productId: value.productId });
  return json(
    { ok: result.ok, message: result.message, basketCount: result.basketCount },
    {
      status: result.status,
      headers: result.guestLines ? { "Set-Cookie": await writeGuestBasket(result.guestLines) } : undefined,
    },
  );
}

export default function BasketPage() {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  const { basket, signedIn, isBuyer } = useLoaderData<typeof loader>();
  if (!isBuyer || !basket) {
    return (
      <>
        <PageHeader title={t("common:nav.basket")} />
        <EmptyState title={t("basket.notBuyer.title")}>{t("basket.notBuyer.body")}</EmptyState>
      </>
    );
  }
  const currency = basket.currency;
  const timeZone = basket.hub?.timeZone;
  if (basket.lines.length === 0) {
    return (
      <>
        <PageHeader title={t("basket.title")} />
        {basket.hub ? <OrderCycleBanner cycle={basket.cycle} nextCycle={basket.nextCycle} timeZone={timeZone} /> : null}
        <EmptyState
          title={t("basket.empty.title")}
          action={
            <Link className="btn btn-primary" to="/map">
              {t("basket.empty.findProducers")}
            </Link>
          }
        >
          {t("basket.empty.body")}
        </EmptyState>
      </>
    );
  }
  const totals = basket.totals;
  const canCheckout = basket.problems.length === 0 && Boolean(basket.cycle) && totals.shortOfMinimumMinor === 0;
  const contents = {
    items: t("basket.items", { count: basket.lines.length }),
    farms: t("basket.farms", { count: basket.groups.length }),
  };
  return (
    <>
      <PageHeader
        title={t("basket.title")}
        description={
          basket.hub
            ? t("basket.descriptionWithHub", { ...contents, hub: basket.hub.name })
            : t("basket.description", contents)
        }
      />
      <OrderCycleBanner cycle={basket.cycle} nextCycle={basket.nextCycle} timeZone={timeZone} />
      {basket.cycle ? (
        <OrderingCycleChoice
          cycles={basket.openCycles}
          selected={basket.cycle.id}
          timeZone={timeZone ?? "Europe/London"}
        />
      ) : null}
      <div className="basket-layout">
        <div>
          {basket.groups.map((group) => (
            <Card key={group.farmId} className="farm-group">
              <h3>
                <Link to={`/farms/${group.farmSlug}`}>{group.farmName}</Link>
                <span className="muted small">{format.money(group.subtotalMinor, currency)}</span>
              </h3>
              <ul role="list" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {group.lines.map((line) => (
                  <BasketLine key={line.productId} line={line} currency={currency} />
                ))}
              </ul>
            </Card>
          ))}
        </div>
        <aside className="card summary" aria-label={t("basket.summary.label")}>
          <h2>{t("basket.summary.title")}</h2>
          <dl>
            <dt>{t("totals.subtotal")}</dt>
            <dd data-testid="basket-subtotal">{format.money(totals.subtotalMinor, currency)}</dd>
            {totals.wholesaleSavingMinor > 0 ? (
              <>
                <dt>{t("totals.wholesaleSaving")}</dt>
                <dd>−{format.money(totals.wholesaleSavingMinor, currency)}</dd>
              </>
            ) : null}
            <dt>{t("totals.delivery")}</dt>
            <dd>
              {basket.hub
                ? t("basket.deliveryFrom", { fee: format.money(basket.hub.deliveryFeeMinor, currency) })
                : "—"}
            </dd>
          </dl>
          {basket.problems.length > 0 ? (
            <div className="alert alert-error" role="alert">
              {t("basket.fixProblems")}
            </div>
          ) : null}
          {totals.shortOfMinimumMinor > 0 && basket.hub ? (
            <div className="alert alert-warning" role="status">
              {t("basket.shortOfMinimum", {
                minimum: format.money(basket.hub.orderMinimumMinor, currency),
                short: format.money(totals.shortOfMinimumMinor, currency),
              })}
            </div>
          ) : null}
          {signedIn ? (
            canCheckout ? (
              <Link
                to={basket.openCycles.length > 1 && basket.cycle ? `/checkout?cycle=${basket.cycle.id}` : "/checkout"}
                className="btn btn-primary"
              >
                {t("basket.goToCheckout")}
              </Link>
            ) : (
              <button type="button" className="btn btn-primary" disabled aria-disabled="true">
                {t("basket.goToCheckout")}
              </button>
            )
          ) : (
            <>
              <Link to="/login?redirectTo=%2Fcheckout" className="btn btn-primary">
                {t("basket.logInToCheckOut")}
              </Link>
              <p className="small muted" style={{ marginTop: "0.5rem" }}>
                <Trans
                  t={t}
                  i18nKey="basket.keptOnLogIn"
                  components={{ signup: <Link to="/signup?redirectTo=%2Fcheckout" /> }}
                />
              </p>
            </>
          )}
        </aside>
      </div>
    </>
  );
}
