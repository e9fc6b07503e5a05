// The basket: one list of lines across farms. Signed-in buyers keep it in BasketItem rows; guests
// keep [{ productId, quantityMilli }] in a signed cookie that merges into the account at log-in.
// Prices are never stored here: every view recomputes them from the product rows.
import {
  checkQuantityMilli,
  mergeBasketLines,
  parseQuantity,
  stockMessage,
  upsertBasketLine,
  type GuestBasketLine,
} from "~/domain/basket";
import { effectiveCycleStatus, isOrderingOpen, pickNextScheduledCycle, pickOrderingCycle } from "~/domain/cycles";
import { groupByFarm, orderTotals, priceLine, type PricedLine } from "~/domain/pricing";
import {
  countBasketItems,
  deleteBasketItem,
  getBasketItem,
  getOrderableProduct,
  getOrderableProducts,
  listBasketItems,
  setBasketItems,
  updateBasketItem,
  upsertBasketItem,
  type OrderableProduct,
} from "~/models/basket.server";
import { getHubForOrdering, listOpenStoredCycles, type HubForOrdering } from "~/models/cycle.server";
import type { CycleStatus } from "~generated/prisma/enums.ts";
import type { SessionUser } from "~/models/user.server";
import { serverFormat, serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages";
import { expireStaleOrders } from "./order.server";

/** A guest basket holds at most this many lines (it lives in a cookie). */
export const GUEST_MAX_LINES = 60;

/**
 * At log-in and sign-up: adds the guest basket's lines to the account's basket (quantities add up
 * for the same product). The caller clears the guest cookie (~/utils/guest-basket.server).
 */
export async function mergeGuestLines({ userId, guest }: { userId: string; guest: GuestBasketLine[] }): Promise<void> {
  if (guest.length === 0) return;
  const products = await getOrderableProducts({ ids: guest.map((l) => l.productId) });
  const known = new Set(products.filter((p) => !p.archivedAt).map((p) => p.id));
  const account = (await listBasketItems({ userId })).map((i) => ({
    productId: i.productId,
    quantityMilli: i.quantityMilli,
  }));
  const merged = mergeBasketLines(
    account,
    guest.filter((l) => known.has(l.productId)),
  );
  const changed = merged.filter((line) => {
    const before = account.find((a) => a.productId === line.productId);
    return !before || before.quantityMilli !== line.quantityMilli;
  });
  await setBasketItems({ userId, lines: changed });
}

export type BasketActionResult = {
  status: number;
  ok: boolean;
  message: string;
  /** A guest's basket as it now is: the caller writes it to the guest cookie. */
  guestLines?: GuestBasketLine[];
  basketCount?: number;
};

/** Whose basket: a signed-in user's (rows), or a guest's (the lines read from their cookie). */
export type BasketOwner = { user: SessionUser | null; guestLines: GuestBasketLine[] };
type Owner = BasketOwner;

async function currentLines(owner: Owner): Promise<GuestBasketLine[]> {
  if (owner.user)
    return (await listBasketItems({ userId: owner.user.id })).map((i) => ({
      productId: i.productId,
      quantityMilli: i.quantityMilli,
    }));
  return owner.guestLines;
}

/** How many lines the basket holds (the header's basket count): guests' from their cookie. */
export async function countBasketLines(owner: Owner): Promise<number> {
  if (owner.user && owner.user.role !== "BUYER") return 0;
  return (await currentLines(owner)).length;
}

/** Why a product cannot go in this basket, or null. */
function unavailableReason(
  product: OrderableProduct,
  hubId: string | null,
  now: Date,
): { status: number; message: string } | null {
  const t = serverT("messages");
  if (product.archivedAt) return { status: 410, message: t("basket.noLongerSold", { product: product.name }) };
  if (product.farm.status !== "ACTIVE")
    return { status: 404, message: t("basket.notAvailable", { product: product.name }) };
  if (!product.farm.hubId) return { status: 400, message: t("basket.farmWithoutHub", { farm: product.farm.name }) };
  if (hubId && product.farm.hubId !== hubId) {
    return {
      status: 400,
      message: t("basket.otherHub", { product: product.name }),
    };
  }
  if (product.availableTo && product.availableTo < now)
    return { status: 400, message: t("basket.outOfSeason", { product: product.name }) };
  return null;
}

/** The hub this basket orders through: the buyer's hub, or (guest / no hub yet) the first line's. */
async function basketHubId(owner: Owner, lines: GuestBasketLine[]): Promise<string | null> {
  if (owner.user?.hubId) return owner.user.hubId;
  if (lines.length === 0) return null;
  const first = await getOrderableProduct({ id: lines[0]!.productId });
  return first?.farm.hubId ?? null;
}

export async function addToBasket({
  user,
  guestLines,
  productId,
  quantity,
  now = new Date(),
}: Owner & { productId: string; quantity: string; now?: Date }): Promise<BasketActionResult> {
  const product = await getOrderableProduct({ id: productId });
  if (!product) return { status: 404, ok: false, message: serverT("messages")("basket.noSuchProduct") };
  const lines = await currentLines({ user, guestLines });
  const hubId = await basketHubId({ user, guestLines }, lines);
  const refusal = unavailableReason(product, hubId, now);
  if (refusal) return { ...refusal, ok: false };
  const parsed = parseQuantity(quantity, product.unit);
  if (!parsed.ok) return { status: 400, ok: false, message: translateMessage(parsed.message) };
  const existing = lines.find((l) => l.productId === productId)?.quantityMilli ?? 0;
  const total = existing + parsed.quantityMilli;
  const capped = checkQuantityMilli(total, product.unit);
  if (!capped.ok) return { status: 400, ok: false, message: translateMessage(capped.message) };
  if (total > product.stockMilli) {
    // Expired card orders may be holding stock: release them and look again before refusing.
    if (await expireStaleOrders(now)) return addToBasket({ user, guestLines, productId, quantity, now });
    const left = Math.max(0, product.stockMilli - existing);
    return {
      status: 409,
      ok: false,
      message:
        existing > 0
          ? serverT("messages")("basket.stockAndInBasket", {
              stock: translateMessage(stockMessage(product.stockMilli, product.unit, product.name)),
              inBasket: serverFormat().quantity(existing, product.unit),
            })
          : serverT("messages")("basket.stock", {
              stock: translateMessage(stockMessage(left, product.unit, product.name)),
            }),
    };
  }
  const message = serverT("messages")("basket.added", {
    amount: serverFormat().quantity(parsed.quantityMilli, product.unit),
    product: product.name,
  });
  if (user) {
    await upsertBasketItem({ userId: user.id, productId, quantityMilli: total });
    return { status: 200, ok: true, message, basketCount: await countBasketItems({ userId: user.id }) };
  }
  if (!lines.some((l) => l.productId === productId) && lines.length >= GUEST_MAX_LINES) {
    return {
      status: 400,
      ok: false,
      message: serverT("messages")("basket.guestFull", { count: GUEST_MAX_LINES }),
    };
  }
  const next = upsertBasketLine(lines, { productId, quantityMilli: total }, "set", GUEST_MAX_LINES);
  return { status: 200, ok: true, message, guestLines: next, basketCount: next.length };
}

export async function updateBasketLine({
  user,
  guestLines,
  productId,
  quantity,
}: Owner & { productId: string; quantity: string }): Promise<BasketActionResult> {
  const lines = await currentLines({ user, guestLines });
  const line = lines.find((l) => l.productId === productId);
  // Someone else's line, or one that is not in this basket: 404 and nothing changes.
  if (!line) return { status: 404, ok: false, message: serverT("messages")("basket.notInBasket") };
  const product = await getOrderableProduct({ id: productId });
  if (!product) return { status: 404, ok: false, message: serverT("messages")("basket.notInBasket") };
  const parsed = parseQuantity(quantity, product.unit);
  if (!parsed.ok) return { status: 400, ok: false, message: translateMessage(parsed.message) };
  if (parsed.quantityMilli > product.stockMilli) {
    return {
      status: 409,
      ok: false,
      message: serverT("messages")("basket.stock", {
        stock: translateMessage(stockMessage(product.stockMilli, product.unit, product.name)),
      }),
    };
  }
  const message = serverT("messages")("basket.updated", {
    product: product.name,
    amount: serverFormat().quantity(parsed.quantityMilli, product.unit),
  });
  if (user) {
    const updated = await updateBasketItem({ userId: user.id, productId, quantityMilli: parsed.quantityMilli });
    if (!updated) return { status: 404, ok: false, message: serverT("messages")("basket.notInBasket") };
    return { status: 200, ok: true, message };
  }
  const next = upsertBasketLine(lines, { productId, quantityMilli: parsed.quantityMilli }, "set");
  return { status: 200, ok: true, message, guestLines: next };
}

export async function removeBasketLine({
  user,
  guestLines,
  productId,
}: Owner & { productId: string }): Promise<BasketActionResult> {
  if (user) {
    const existed = await getBasketItem({ userId: user.id, productId });
    if (!existed || !(await deleteBasketItem({ userId: user.id, productId }))) {
      return { status: 404, ok: false, message: serverT("messages")("basket.notInBasket") };
    }
    return { status: 200, ok: true, message: serverT("messages")("basket.removed") };
  }
  const lines = guestLines;
  if (!lines.some((l) => l.productId === productId))
    return { status: 404, ok: false, message: serverT("messages")("basket.notInBasket") };
  return {
    status: 200,
    ok: true,
    message: serverT("messages")("basket.removed"),
    guestLines: lines.filter((l) => l.productId !== productId),
  };
}

export interface BasketLineView extends PricedLine {
  farmName: string;
  farmSlug: string;
  stockMilli: number;
  problem: string | null;
}

export interface CycleView {
  id: string;
  name: string;
  opensAt: string;
  cutoffAt: string;
  deliveryDate: string;
  effectiveStatus: string;
  slots: Array<{ id: string; startMinute: number; endMinute: number }>;
}

export interface BasketView {
  lines: BasketLineView[];
  groups: Array<{ farmId: string; farmName: string; farmSlug: string; lines: BasketLineView[]; subtotalMinor: number }>;
  totals: ReturnType<typeof orderTotals>;
  hub: HubForOrdering | null;
  cycle: CycleView | null;
  /** Every cycle open for ordering (a picker is shown when there is more than one). */
  openCycles: CycleView[];
  nextCycle: CycleView | null;
  problems: string[];
  currency: string;
}

export function toCycleView(
  cycle: {
    id: string;
    name: string;
    opensAt: Date;
    cutoffAt: Date;
    deliveryDate: Date;
    status: CycleStatus;
    slots: Array<{ id: string; startMinute: number; endMinute: number }>;
  },
  now: Date,
): CycleView {
  return {
    id: cycle.id,
    name: cycle.name,
    opensAt: cycle.opensAt.toISOString(),
    cutoffAt: cycle.cutoffAt.toISOString(),
    deliveryDate: cycle.deliveryDate.toISOString(),
    effectiveStatus: effectiveCycleStatus(cycle, now),
    slots: cycle.slots,
  };
}

/**
 * The cycle a basket orders into: the one the buyer chose (`wanted`, when it is open for ordering),
 * else the open one with the earliest cut-off; also every open cycle (the picker shows them when
 * there is more than one) and the next to open.
 */
export async function getOrderingCycle(hubId: string, now: Date, wanted: string | null = null) {
  const cycles = await listOpenStoredCycles({ hubId });
  const open = cycles
    .filter((c) => isOrderingOpen(c, now))
    .sort((a, b) => a.cutoffAt.getTime() - b.cutoffAt.getTime() || a.id.localeCompare(b.id));
  const chosen = open.find((c) => c.id === wanted) ?? pickOrderingCycle(cycles, now);
  return { cycle: chosen, open, next: pickNextScheduledCycle(cycles, now) };
}

/** Everything the basket and checkout pages show, priced for this buyer now. */
export async function getBasketView({
  user,
  guestLines,
  cycleId = null,
  now = new Date(),
}: Owner & {
  /** The cycle the buyer chose (?cycle=), if open. */ cycleId?: string | null;
  now?: Date;
}): Promise<BasketView> {
  const lines = await currentLines({ user, guestLines });
  const products = new Map((await getOrderableProducts({ ids: lines.map((l) => l.productId) })).map((p) => [p.id, p]));
  const hubId = await basketHubId({ user, guestLines }, lines);
  const buyerKind = user?.buyerKind ?? null;
  const views: BasketLineView[] = [];
  for (const line of lines) {
    const product = products.get(line.productId);
    if (!product) continue;
    const priced = priceLine(product, line.quantityMilli, buyerKind);
    const refusal = unavailableReason(product, hubId, now);
    const problem = refusal
      ? refusal.message
      : line.quantityMilli > product.stockMilli
        ? serverT("messages")("basket.lowerToOrder", {
            stock: translateMessage(stockMessage(product.stockMilli, product.unit, product.name)),
          })
        : null;
    views.push({
      ...priced,
      farmName: product.farm.name,
      farmSlug: product.farm.slug,
      stockMilli: product.stockMilli,
      problem,
    });
  }
  const hub = hubId ? await getHubForOrdering({ id: hubId }) : null;
  const charges = hub ?? { orderMinimumMinor: 0, deliveryFeeMinor: 0, deliveryFeePerKmMinor: 0 };
  const valid = views.filter((v) => !v.problem);
  const totals = orderTotals(valid, charges, 0);
  const { cycle, open, next } = hub
    ? await getOrderingCycle(hub.id, now, cycleId)
    : { cycle: null, open: [], next: null };
  const groups = groupByFarm(views).map((g) => ({
    farmId: g.farmId,
    farmName: g.lines[0]!.farmName,
    farmSlug: g.lines[0]!.farmSlug,
    lines: g.lines,
    subtotalMinor: g.lines.filter((l) => !l.problem).reduce((s, l) => s + l.lineTotalMinor, 0),
  }));
  const problems = views.filter((v) => v.problem).map((v) => v.problem as string);
  return {
    lines: views,
    groups,
    totals,
    hub,
    cycle: cycle ? toCycleView(cycle, now) : null,
    openCycles: open.map((c) => toCycleView(c, now)),
    nextCycle: next ? toCycleView(next, now) : null,
    problems,
    currency: hub?.currency ?? "GBP",
  };
}
