// Change the quantities of a placed order before the cut-off (0 removes a line). Posts to the
// order page's action with intent=change and one `quantity.<lineId>` field per line.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { quantityInputValue, quantityStepMilli } from "~/domain/basket";
import type { Unit } from "~generated/prisma/enums.ts";
import { SubmitButton } from "./ui/button";
import { Alert, Card } from "./ui/page";

interface ChangeLine {
  id: string;
  productName: string;
  unit: string;
  quantityMilli: number;
}

export function OrderChangeForm({
  groups,
  cutoffText,
  formErrors,
  lineErrors,
}: {
  groups: Array<{ farmId: string; farmName: string; lines: ChangeLine[] }>;
  cutoffText: string;
  formErrors: string[];
  lineErrors: Record<string, string>;
}) {
  const { t } = useTranslation("buyer");
  return (
    <Card title={t("orderChange.title")}>
      <p className="small" style={{ marginTop: 0 }}>
        {t("orderChange.intro", { cutoff: cutoffText })}
      </p>
      {formErrors.length > 0 ? (
        <Alert tone="error">
          {formErrors.map((message) => (
            <p key={message} style={{ margin: 0 }}>
              {message}
            </p>
          ))}
        </Alert>
      ) : null}
      <Form method="post" className="order-change-form">
        {groups.map((group) => (
          <fieldset key={group.farmId} className="order-change-group">
            <legend>{group.farmName}</legend>
            {group.lines.map((line) => {
              const unit = line.unit as Unit;
              const step = quantityStepMilli(unit) / 1000;
              const error = lineErrors[line.id];
              return (
                <div key={line.id} className="order-change-line">
                  <label htmlFor={`change-${line.id}`}>{line.productName}</label>
                  <span className="order-change-input">
                    <input
                      id={`change-${line.id}`}
                      className="input add-to-basket-qty"
                      type="number"
                      name={`quantity.${line.id}`}
                      min={0}
                      step={step}
                      inputMode={step < 1 ? "decimal" : "numeric"}
                      defaultValue={quantityInputValue(line.quantityMilli)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `change-${line.id}-error` : undefined}
                    />
                    <span className="add-to-basket-unit">{t(`units.${unit}.many`)}</span>
                  </span>
                  {error ? (
                    <p className="field-errors" id={`change-${line.id}-error`}>
                      {error}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        ))}
        <SubmitButton name="intent" value="change" pendingText={t("orderChange.saving")}>
          {t("orderChange.save")}
        </SubmitButton>
      </Form>
    </Card>
  );
}
