// OSRM table service: road distances (m) and durations (s) between points. The only outbound HTTP
// for routing; callers fall back to great-circle × circuity when this throws.
import type { LatLng } from "~/domain/geo";

export class OsrmError extends Error {
  override name = "OsrmError";
}

/** Above this many points one table request is too big for a public OSRM; the estimate is used. */
export const OSRM_MAX_POINTS = 400;

export async function fetchOsrmTable(
  baseUrl: string,
  points: readonly LatLng[],
  { timeoutMs = 15_000, fetchImpl = fetch }: { timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<{ distance: number[][]; duration: number[][] }> {
  if (points.length > OSRM_MAX_POINTS)
    throw new OsrmError(`${points.length} points is more than one OSRM table request allows (${OSRM_MAX_POINTS})`);
  const coords = points.map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(";");
  const url = `${baseUrl.replace(/\/$/, "")}/table/v1/driving/${coords}?annotations=distance,duration`;
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new OsrmError(
      `the road-distance server did not answer (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!response.ok) throw new OsrmError(`the road-distance server answered ${response.status}`);
  const body = (await response.json()) as {
    code?: string;
    distances?: Array<Array<number | null>>;
    durations?: Array<Array<number | null>>;
  };
  if (body.code !== "Ok" || !body.distances || !body.durations)
    throw new OsrmError(`the road-distance server answered ${body.code ?? "without a table"}`);
  const clean = (m: Array<Array<number | null>>, what: string) =>
    m.map((row, i) =>
      row.map((v, j) => {
        if (v === null || !Number.isFinite(v)) throw new OsrmError(`no road ${what} between points ${i} and ${j}`);
        return Math.round(v);
      }),
    );
  return { distance: clean(body.distances, "distance"), duration: clean(body.durations, "duration") };
}
