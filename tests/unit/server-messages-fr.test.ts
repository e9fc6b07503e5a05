// What services and domain rules answer, in French: the request's language for whoever reads it
// (a CSV's headers follow the person downloading it), English outside a request, word for word.
import { describe, expect, it } from "vitest";
import { buildCycleReport, CYCLE_REPORT_TITLES, type CycleLine } from "~/domain/aggregation";
import { reportToCsv } from "~/domain/aggregation/csv";
import { CAVEATS, methodPageData } from "~/domain/carbon/method";
import { parseProductCsv } from "~/domain/catalogue-csv";
import { ProductInputSchema } from "~/domain/catalogue-input";
import { parseMoneyToMinor } from "~/domain/money";
import { DiscoveryQuerySchema } from "~/domain/search-query";
import { currentT } from "~/i18n/i18n";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { storedReasonText } from "~/i18n/stored-reasons";

const inFrench = <T>(fn: () => T): T =>
  runWithRequestLanguage(new Request("http://x/", { headers: { "Accept-Language": "fr" } }), fn);
const NBSP = "\u00a0";

const line: CycleLine = {
  orderId: "o1",
  orderNumber: 7,
  buyerName: "Ann",
  fulfilment: "PICKUP",
  address: null,
  farmId: "f1",
  farmName: "Apple Farm",
  productId: "p1",
  productName: "Apples",
  unit: "BUNCH",
  quantityMilli: 2000,
  grams: 1000,
  lineTotalMinor: 300,
  chilled: true,
};

describe("server messages in French", () => {
  it("writes a cycle report's CSV headers and words in the downloader's language", () => {
    const english = reportToCsv(buildCycleReport("by-buyer", [line]), {}).split("\r\n");
    expect(english[0]).toBe("Group,Product,Farm,Quantity,Unit,Weight (kg),Chilled,Packed");
    expect(english[1]).toBe("#7 Ann — pickup at hub,Apples,Apple Farm,2,bunch,1.000,yes,");
    const french = inFrench(() => reportToCsv(buildCycleReport("by-buyer", [line]), {}).split("\r\n"));
    expect(french[0]).toBe("Groupe,Produit,Ferme,Quantité,Unité,Poids (kg),Réfrigéré,Emballé");
    expect(french[1]).toBe("n° 7 Ann — retrait à la plateforme,Apples,Apple Farm,2,botte,1.000,oui,");
    expect(french).toContain("Tout,Toutes les commandes,,,,1.000,,");
    expect(inFrench(() => CYCLE_REPORT_TITLES["by-farm"])).toBe("Liste de préparation par ferme");
    expect(CYCLE_REPORT_TITLES["by-farm"]).toBe("Pick list by farm");
  });

  it("refuses a product, a price and a CSV file in French", () => {
    const product = inFrench(() => ProductInputSchema.safeParse({ name: "", retailPrice: "-1", unit: "KG" }));
    const messages = product.success ? [] : product.error.issues.map((issue) => issue.message);
    expect(messages).toContain("Indiquez le nom du produit");
    expect(messages).toContain(`«${NBSP}Prix de détail${NBSP}» ne peut pas être négatif`);
    const price = inFrench(() => parseMoneyToMinor("", { label: "Price" }));
    expect(price).toMatchObject({ ok: false, message: { key: "messages:parse.empty" } });
    const csv = inFrench(() => parseProductCsv("name;colour\nCarrots;orange\n"));
    expect(csv.ok ? [] : csv.errors.map((e) => e.message)).toContain(
      `Colonne inconnue «${NBSP}colour${NBSP}» (le fichier a été lu comme séparé par des points-virgules)${NBSP}: utilisez les en-têtes du modèle`,
    );
    // zod writes an issue's message when it is read: read it inside the request.
    const query = inFrench(() => DiscoveryQuerySchema.safeParse({ r: "500" }).error?.issues[0]?.message);
    expect(query).toBe("Le rayon doit être compris entre 5 et 100 km");
  });

  it("explains the carbon method in French", () => {
    expect(inFrench(() => CAVEATS.TRANSPORT_ONLY.text)).toMatch(/^Ces chiffres ne couvrent que le transport\./);
    const page = inFrench(() => methodPageData());
    expect(page.steps[2]).toMatch(/^Dans une camionnette frigorifique, les émissions de la tournée ont deux parts/);
    expect(page.steps[5]).toBe(
      "Les kilomètres alimentaires sont la distance, pondérée par le poids, que parcourent vos produits de la ferme à la plateforme puis jusqu’à vous.",
    );
    expect(CAVEATS.TRANSPORT_ONLY.text).toMatch(/^These figures cover transport only\./);
  });

  it("shows a stored carbon reason in the reader's language, and an unknown one as stored", () => {
    const fr = currentT("messages", "fr");
    expect(storedReasonText("No weight data for goods from farm Hill Farm.", fr)).toBe(
      "Pas de poids renseigné pour des produits de la ferme Hill Farm.",
    );
    expect(storedReasonText("The order's goods weigh 0 g.")).toBe("The order's goods weigh 0 g.");
    expect(storedReasonText("Something else.", fr)).toBe("Something else.");
  });

  it("keeps the English words outside a request", () => {
    const product = ProductInputSchema.safeParse({ name: "", retailPrice: "-1", unit: "KG" });
    const messages = product.success ? [] : product.error.issues.map((issue) => issue.message);
    expect(messages).toContain("Enter the product name");
    expect(messages).toContain("Retail price cannot be negative");
    expect(parseMoneyToMinor("", { label: "Price" })).toMatchObject({ ok: false, error: "Enter the price" });
  });
});
