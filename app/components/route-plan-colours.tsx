// Route colours: the Okabe–Ito palette (distinguishable with common colour-vision deficiencies),
// with a pattern number in every label so colour is never the only cue.
export const ROUTE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C510A"];
export const routeColour = (index: number) => ROUTE_COLOURS[index % ROUTE_COLOURS.length]!;

export function RouteSwatch({ index }: { index: number }) {
  return <span className="route-swatch" style={{ background: routeColour(index) }} aria-hidden="true" />;
}
