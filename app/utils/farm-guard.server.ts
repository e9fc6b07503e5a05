// Guard for the farmer's pages: the signed-in farmer's own farm.
import { getFarmForOwner, type FarmProfile } from "~/models/farm.server";
import { serverT } from "~/i18n/i18n.server";

/** The farmer's farm, or a 404 Response thrown for the route when they have none yet. */
export async function requireOwnFarm(ownerId: string): Promise<FarmProfile> {
  const farm = await getFarmForOwner({ ownerId });
  if (!farm) throw new Response(serverT("messages")("farm.createFirst"), { status: 404 });
  return farm;
}
