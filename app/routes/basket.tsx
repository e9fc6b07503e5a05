import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BasketLine } from "~/components/basket-line";
import { OrderCycleBanner } from "~/components/order-cycle-banner";
import { OrderingCycleChoice } from "~/components/ordering-cycle-choice";
import { Card, EmptyState, PageHeader } from "~/components/ui/page";
import { addToBasket, getBasketView, removeBasketLine, updateBasketLine } from "~/services/basket.server";
import { basketOwner, writeGuestBasket } from "~/utils/guest-basket.server";
import orderingCss from "~/styles/ordering.css";
import { formatMoney } from "~/utils/format";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = () => [{ title: "Your basket — Foodshed" }];

const BasketActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    productId: z.string().trim().min(1).max(64),
    quantity: z.string({ error: "Enter a quantity" }).max(20, { error: "Enter a quantity like 2 or 1.5" }),
  }),
  z.object({
    intent: z.literal("update"),
    productId: z.string().trim().min(1).max(64),
    quantity: z.string({ error: "Enter a quantity" }).max(20, { error: "Enter a quantity like 2 or 1.5" }),
  }),
  z.object({ intent: z.literal("remove"), productId: z.string().trim().min(1).max(64) }),
]);

async function basketUser(request: Request) {
  const user = await getUser(request);
  if (user && user.role !== "BUYER") {
    throw json(
      { ok: false, message: "Only buyer accounts have a basket. Log in as a household or restaurant to order." },
      { status: 403 },
    );
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
    return json({ ok: false, message: messages[0] ?? "Check the form and try again." }, { status: 400 });
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
  const { basket, signedIn, isBuyer } = useLoaderData<typeof loader>();
  if (!isBuyer || !basket) {
    return (
      <>
        <PageHeader title="Basket" />
        <EmptyState title="Baskets are for buyers">
          Log in with a household or restaurant account to order food.
        </EmptyState>
      </>
    );
  }
  const currency = basket.currency;
  const timeZone = basket.hub?.timeZone;
  if (basket.lines.length === 0) {
    return (
      <>
        <PageHeader title="Your basket" />
        {basket.hub ? <OrderCycleBanner cycle={basket.cycle} nextCycle={basket.nextCycle} timeZone={timeZone} /> : null}
        <EmptyState
          title="Your basket is empty"
          action={
            <Link className="btn btn-primary" to="/map">
              Find producers near you
            </Link>
          }
        >
          Add food from as many farms as you like: it all arrives together on delivery day.
        </EmptyState>
      </>
    );
  }
  const t = basket.totals;
  const canCheckout = basket.problems.length === 0 && Boolean(basket.cycle) && t.shortOfMinimumMinor === 0;
  return (
    <>
      <PageHeader
        title="Your basket"
        description={`${basket.lines.length} item${basket.lines.length === 1 ? "" : "s"} from ${basket.groups.length} farm${basket.groups.length === 1 ? "" : "s"}${basket.hub ? `, delivered through ${basket.hub.name}` : ""}.`}
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
                <span className="muted small">{formatMoney(group.subtotalMinor, currency)}</span>
              </h3>
              <ul role="list" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {group.lines.map((line) => (
                  <BasketLine key={line.productId} line={line} currency={currency} />
                ))}
              </ul>
            </Card>
          ))}
        </div>
        <aside className="card summary" aria-label="Basket summary">
          <h2>Summary</h2>
          <dl>
            <dt>Subtotal</dt>
            <dd data-testid="basket-subtotal">{formatMoney(t.subtotalMinor, currency)}</dd>
            {t.wholesaleSavingMinor > 0 ? (
              <>
                <dt>Wholesale saving</dt>
                <dd>−{formatMoney(t.wholesaleSavingMinor, currency)}</dd>
              </>
            ) : null}
            <dt>Delivery</dt>
            <dd>{basket.hub ? `from ${formatMoney(basket.hub.deliveryFeeMinor, currency)}` : "—"}</dd>
          </dl>
          {basket.problems.length > 0 ? (
            <div className="alert alert-error" role="alert">
              Fix the items marked in your basket before checking out.
            </div>
          ) : null}
          {t.shortOfMinimumMinor > 0 && basket.hub ? (
            <div className="alert alert-warning" role="status">
              The minimum order is {formatMoney(basket.hub.orderMinimumMinor, currency)}. Add{" "}
              {formatMoney(t.shortOfMinimumMinor, currency)} more.
            </div>
          ) : null}
          {signedIn ? (
            canCheckout ? (
              <Link
                to={basket.openCycles.length > 1 && basket.cycle ? `/checkout?cycle=${basket.cycle.id}` : "/checkout"}
                className="btn btn-primary"
              >
                Go to checkout
              </Link>
            ) : (
              <button type="button" className="btn btn-primary" disabled aria-disabled="true">
                Go to checkout
              </button>
            )
          ) : (
            <>
              <Link to="/login?redirectTo=%2Fcheckout" className="btn btn-primary">
                Log in to check out
              </Link>
              <p className="small muted" style={{ marginTop: "0.5rem" }}>
                Your basket is kept when you log in or{" "}
                <Link to="/signup?redirectTo=%2Fcheckout">create an account</Link>.
              </p>
            </>
          )}
        </aside>
      </div>
    </>
  );
}
