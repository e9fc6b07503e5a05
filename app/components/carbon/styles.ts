// The carbon components' stylesheet. Routes that render <CarbonEstimate> or <OrderCarbon> add
// `carbonStylesheet` to their `links` (the components fall back to the shared card/badge/table styles).
import carbonCss from "~/styles/carbon.css";

export const carbonStylesheet = { rel: "stylesheet", href: carbonCss } as const;
