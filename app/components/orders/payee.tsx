// "How to pay" on the buyer's invoice (docs/decisions/035): the hub's payee and bank details as
// set in hub settings. A hub that set none shows nothing.
import { useTranslation } from "react-i18next";
import { formatIban } from "~/domain/bank-details";

export interface Payee {
  payeeName: string | null;
  bankAccountName: string | null;
  bankSortCode: string | null;
  bankAccountNumber: string | null;
  bankIban: string | null;
  paymentReferenceHint: string | null;
}

export function HowToPay({ payee, reference }: { payee: Payee | null; reference: string }) {
  const { t } = useTranslation("buyer");
  if (!payee) return null;
  // [label, value, printed in a fixed-width font (account numbers)]
  const rows: Array<[string, string | null, boolean]> = [
    [t("invoice.payee.payTo"), payee.payeeName, false],
    [t("invoice.payee.accountName"), payee.bankAccountName, false],
    [t("invoice.payee.sortCode"), payee.bankSortCode, true],
    [t("invoice.payee.accountNumber"), payee.bankAccountNumber, true],
    [t("invoice.payee.iban"), payee.bankIban ? formatIban(payee.bankIban) : null, true],
    [t("invoice.payee.reference"), reference, true],
  ];
  return (
    <section
      className="invoice-payee"
      aria-labelledby="invoice-payee-title"
      data-testid="invoice-payee"
      style={{ marginTop: "1.5rem", paddingTop: "1rem", borderTop: "1px solid #ccd5d0" }}
    >
      <h2 id="invoice-payee-title" style={{ fontSize: "1.1rem" }}>
        {t("invoice.payee.title")}
      </h2>
      <dl>
        {rows
          .filter((row): row is [string, string, boolean] => Boolean(row[1]))
          .map(([label, value, mono]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd style={mono ? { fontFamily: "monospace" } : undefined}>{value}</dd>
            </div>
          ))}
      </dl>
      {payee.paymentReferenceHint ? <p className="small">{payee.paymentReferenceHint}</p> : null}
    </section>
  );
}
