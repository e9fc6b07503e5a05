// Local map tiles for tests and offline demos (TILE_URL=/tiles/{z}/{x}/{y}.svg): a generated SVG
// grid with faint lines and the z/x/y label. No network, cacheable for a day.
import type { LoaderFunctionArgs } from "@remix-run/node";

const MAX_ZOOM = 22;

export function tileSvg(z: number, x: number, y: number): string {
  // A slightly different tint per tile so panning is visible.
  const shade = 236 + ((x + y) % 2) * 4;
  const fill = `rgb(${shade - 6},${shade},${shade - 8})`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
<rect width="256" height="256" fill="${fill}"/>
<path d="M64 0V256M128 0V256M192 0V256M0 64H256M0 128H256M0 192H256" stroke="#cfd8d2" stroke-width="1"/>
<path d="M0 0.5H256M0.5 0V256" stroke="#b7c4bc" stroke-width="1"/>
<text x="8" y="20" font-family="system-ui, sans-serif" font-size="12" fill="#7a8a80">${z}/${x}/${y}</text>
</svg>`;
}

export function loader({ params }: LoaderFunctionArgs) {
  const z = Number(params.z);
  const x = Number(params.x);
  const y = Number(params.y);
  const valid =
    Number.isInteger(z) &&
    Number.isInteger(x) &&
    Number.isInteger(y) &&
    z >= 0 &&
    z <= MAX_ZOOM &&
    x >= 0 &&
    y >= 0 &&
    x < 2 ** z &&
    y < 2 ** z;
  if (!valid) return new Response("No such tile", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(tileSvg(z, x, y), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=86400, immutable",
    },
  });
}
