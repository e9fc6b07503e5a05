// What a saved stop carries, in one place. A place (farm or buyer) with chilled and ambient goods
// is two stops, one per part (cargo CHILLED / AMBIENT), maybe on two routes; a stop saved before
// the split (cargo null) carries all of its place's goods.
import type { StopPart } from "./problems";

/** True when an order line travels in a stop of this cargo. */
export function stopCarriesLine(cargo: StopPart | null, lineChilled: boolean): boolean {
  return cargo === null || (cargo === "CHILLED") === lineChilled;
}

/**
 * True when the stop needs a refrigerated vehicle: a chilled part does; a stop without a part
 * does when its place has any chilled goods in the cycle.
 */
export function stopNeedsCold(cargo: StopPart | null, placeHasChilledGoods: boolean): boolean {
  return cargo ? cargo === "CHILLED" : placeHasChilledGoods;
}

/** The words for a stop's part on manifests and driver pages, or null for a whole place. */
export function stopPartLabel(cargo: StopPart | null): string | null {
  return cargo === "CHILLED" ? "chilled goods" : cargo === "AMBIENT" ? "ambient goods" : null;
}
