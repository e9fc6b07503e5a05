// Basket rows and the product facts ordering needs. Always scoped by the buyer.
import { prisma } from "~/utils/db.server";
import type { Unit } from "~generated/prisma/enums.ts";

export const orderableProductSelect = {
  id: true,
  farmId: true,
  name: true,
  unit: true,
  gramsPerUnit: true,
  retailPriceMinor: true,
  wholesalePriceMinor: true,
  wholesaleMinMilli: true,
  stockMilli: true,
  chilled: true,
  soldByWeight: true,
  archivedAt: true,
  availableFrom: true,
  availableTo: true,
  farm: {
    select: { id: true, name: true, slug: true, hubId: true, status: true, lat: true, lng: true, selfDelivers: true },
  },
} as const;

export interface OrderableProduct {
  id: string;
  farmId: string;
  name: string;
  unit: Unit;
  gramsPerUnit: number;
  retailPriceMinor: number;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
  stockMilli: number;
  chilled: boolean;
  soldByWeight: boolean;
  archivedAt: Date | null;
  availableFrom: Date | null;
  availableTo: Date | null;
  farm: {
    id: string;
    name: string;
    slug: string;
    hubId: string | null;
    status: "PENDING" | "ACTIVE" | "SUSPENDED";
    lat: number;
    lng: number;
    selfDelivers: boolean;
  };
}

export function getOrderableProducts({ ids }: { ids: string[] }): Promise<OrderableProduct[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return prisma.product.findMany({ where: { id: { in: ids } }, select: orderableProductSelect });
}

export function getOrderableProduct({ id }: { id: string }): Promise<OrderableProduct | null> {
  return prisma.product.findUnique({ where: { id }, select: orderableProductSelect });
}

export async function listBasketItems({ userId }: { userId: string }) {
  return prisma.basketItem.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, productId: true, quantityMilli: true, product: { select: orderableProductSelect } },
  });
}

export function countBasketItems({ userId }: { userId: string }) {
  return prisma.basketItem.count({ where: { userId } });
}

export function getBasketItem({ userId, productId }: { userId: string; productId: string }) {
  return prisma.basketItem.findUnique({
    where: { userId_productId: { userId, productId } },
    select: { id: true, quantityMilli: true },
  });
}

export function upsertBasketItem({
  userId,
  productId,
  quantityMilli,
}: {
  userId: string;
  productId: string;
  quantityMilli: number;
}) {
  return prisma.basketItem.upsert({
    where: { userId_productId: { userId, productId } },
    create: { userId, productId, quantityMilli },
    update: { quantityMilli },
    select: { id: true },
  });
}

/** Returns false when the line is not in this buyer's basket (nothing changes). */
export async function updateBasketItem({
  userId,
  productId,
  quantityMilli,
}: {
  userId: string;
  productId: string;
  quantityMilli: number;
}) {
  const { count } = await prisma.basketItem.updateMany({ where: { userId, productId }, data: { quantityMilli } });
  return count > 0;
}

export async function deleteBasketItem({ userId, productId }: { userId: string; productId: string }) {
  const { count } = await prisma.basketItem.deleteMany({ where: { userId, productId } });
  return count > 0;
}

/** Replaces the quantities of several lines at once (guest-basket merge), in one transaction. */
export async function setBasketItems({
  userId,
  lines,
}: {
  userId: string;
  lines: Array<{ productId: string; quantityMilli: number }>;
}) {
  if (lines.length === 0) return;
  await prisma.$transaction(
    lines.map((line) =>
      prisma.basketItem.upsert({
        where: { userId_productId: { userId, productId: line.productId } },
        create: { userId, productId: line.productId, quantityMilli: line.quantityMilli },
        update: { quantityMilli: line.quantityMilli },
      }),
    ),
  );
}

/** After a card payment: removes from the basket the products that order bought. */
export async function deleteBasketItemsForOrder({ userId, orderId }: { userId: string; orderId: string }) {
  const lines = await prisma.orderLine.findMany({
    where: { orderId, order: { buyerId: userId } },
    select: { productId: true },
  });
  await prisma.basketItem.deleteMany({ where: { userId, productId: { in: lines.map((l) => l.productId) } } });
}
