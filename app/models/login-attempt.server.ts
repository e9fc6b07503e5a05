import { prisma } from "~/utils/db.server";

export function countRecentFailures({ keys, since }: { keys: string[]; since: Date }) {
  return prisma.loginAttempt.groupBy({
    by: ["key"],
    where: { key: { in: keys }, createdAt: { gte: since } },
    _count: { _all: true },
    _min: { createdAt: true },
  });
}

export function recordFailures({ keys }: { keys: string[] }) {
  return prisma.loginAttempt.createMany({ data: keys.map((key) => ({ key })) });
}

export function clearFailures({ keys, before }: { keys: string[]; before?: Date }) {
  return prisma.loginAttempt.deleteMany({
    where: { key: { in: keys }, ...(before ? { createdAt: { lt: before } } : {}) },
  });
}
