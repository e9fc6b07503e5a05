// Farm use cases: create (unique slug, joins the first hub), update, photo, dashboard.
import type { FarmInput } from "~/domain/catalogue-input";
import {
  createFarm,
  getFarmForOwner,
  getOpenCycleOrdersForFarm,
  slugTaken,
  updateFarm,
  type FarmProfile,
  type FarmWrite,
} from "~/models/farm.server";
import { countArchivedProducts, listLowStockProducts, listProductsForFarm } from "~/models/product.server";
import { getFirstHubId } from "~/models/user.server";
import { deleteImage, saveImage } from "./upload.server";
import { serverT } from "~/i18n/i18n.server";

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return base || "farm";
}

async function uniqueSlug(name: string): Promise<string> {
  const base = slugify(name);
  if (!(await slugTaken({ slug: base }))) return base;
  for (let n = 2; n < 50; n++) {
    const candidate = `${base}-${n}`;
    if (!(await slugTaken({ slug: candidate }))) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

function toWrite(input: FarmInput): FarmWrite {
  return {
    name: input.name,
    story: input.story ?? "",
    certifications: input.certifications,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
    address: input.address ?? null,
    lat: input.lat,
    lng: input.lng,
    pickupInstructions: input.pickupInstructions ?? "",
  };
}

export type CreateFarmResult = { ok: true; farm: FarmProfile } | { ok: false; message: string };

export async function createFarmForOwner({
  ownerId,
  input,
}: {
  ownerId: string;
  input: FarmInput;
}): Promise<CreateFarmResult> {
  if (await getFarmForOwner({ ownerId })) return { ok: false, message: serverT("messages")("farm.alreadyHave") };
  const [slug, hubId] = await Promise.all([uniqueSlug(input.name), getFirstHubId()]);
  try {
    const farm = await createFarm({ ownerId, hubId, slug, data: toWrite(input) });
    return { ok: true, farm };
  } catch {
    // A concurrent sign-up took the slug between the check and the insert: try once more.
    const farm = await createFarm({ ownerId, hubId, slug: `${slug}-${Date.now().toString(36)}`, data: toWrite(input) });
    return { ok: true, farm };
  }
}

export async function updateFarmProfile({ id, ownerId, input }: { id: string; ownerId: string; input: FarmInput }) {
  return updateFarm({ id, ownerId, data: toWrite(input) });
}

export type PhotoResult = { ok: true } | { ok: false; status: 400 | 404; message: string };

export async function replaceFarmPhoto({
  ownerId,
  file,
}: {
  ownerId: string;
  file: File | null;
}): Promise<PhotoResult> {
  const farm = await getFarmForOwner({ ownerId });
  if (!farm) return { ok: false, status: 404, message: serverT("messages")("farm.createFirst") };
  const saved = await saveImage(file);
  if (!saved.ok) return { ok: false, status: 400, message: saved.message };
  await updateFarm({ id: farm.id, ownerId, data: { photoPath: saved.name } });
  await deleteImage(farm.photoPath);
  return { ok: true };
}

/** Takes the farm's photo down (the farm shows its placeholder again) and deletes the files. */
export async function removeFarmPhoto({ ownerId }: { ownerId: string }): Promise<PhotoResult> {
  const farm = await getFarmForOwner({ ownerId });
  if (!farm) return { ok: false, status: 404, message: serverT("messages")("farm.createFirst") };
  if (!farm.photoPath) return { ok: true };
  await updateFarm({ id: farm.id, ownerId, data: { photoPath: null } });
  await deleteImage(farm.photoPath);
  return { ok: true };
}

export async function getFarmDashboard({ ownerId }: { ownerId: string }) {
  const farm = await getFarmForOwner({ ownerId });
  if (!farm) return null;
  const [products, archived, lowStock, openCycle] = await Promise.all([
    listProductsForFarm({ farmId: farm.id }),
    countArchivedProducts({ farmId: farm.id }),
    listLowStockProducts({ farmId: farm.id }),
    getOpenCycleOrdersForFarm({ farmId: farm.id, hubId: farm.hubId }),
  ]);
  return {
    farm,
    productCount: products.length,
    inStockCount: products.filter((product) => product.stockMilli > 0).length,
    archivedCount: archived,
    lowStock,
    openCycle,
  };
}
