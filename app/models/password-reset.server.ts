// Password-reset links (docs/decisions/019): the emailed token is stored only as its sha256; a link
// works once and for a short time.
import { prisma } from "~/utils/db.server";

export function createPasswordResetToken(data: { userId: string; tokenHash: string; expiresAt: Date }) {
  return prisma.passwordResetToken.create({ data, select: { id: true } });
}

export function getPasswordResetToken({ tokenHash }: { tokenHash: string }) {
  return prisma.passwordResetToken.findUnique({ where: { tokenHash }, select: { expiresAt: true, usedAt: true } });
}

/**
 * Uses the token and sets the new password in one transaction: the token is claimed with a
 * conditional update (so two submissions of one link cannot both succeed), every other open link
 * of the user is closed, the session version is bumped and every session record dropped.
 * Returns the user id and new session version, or null when the token is unknown, used or expired.
 */
export function resetPasswordWithToken({
  tokenHash,
  passwordHash,
  now,
}: {
  tokenHash: string;
  passwordHash: string;
  now: Date;
}): Promise<{ userId: string; sessionVersion: number } | null> {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    const { userId } = await tx.passwordResetToken.findUniqueOrThrow({
      where: { tokenHash },
      select: { userId: true },
    });
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await tx.session.deleteMany({ where: { userId } });
    return { userId, sessionVersion: user.sessionVersion };
  });
}

export async function deleteExpiredResetTokens({ before }: { before: Date }) {
  await prisma.passwordResetToken.deleteMany({ where: { expiresAt: { lt: before } } });
}
