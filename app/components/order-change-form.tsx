// Change the quantities of a placed order before the cut-off (0 removes a line). Posts to the
// order page's action with intent=change and one `quantity.<lineId>` field per line.
import { Form } from "@remix-run/react";
import { quantityInputValue, quantityStepMilli, UNIT_WORD } from "~/domain/basket";
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
  return (
    <Card title="Change quantities">
      <p className="small" style={{ marginTop: 0 }}>
        Until the cut-off ({cutoffText}) you can change what you ordered; 0 removes a line. Changed lines are priced as
        they are today, and the food you no longer need goes back on sale.
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
                    <span className="add-to-basket-unit">{UNIT_WORD[unit].many}</span>
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
        <SubmitButton name="intent" value="change" pendingText="Saving changes…">
          Save changes
        </SubmitButton>
      </Form>
    </Card>
  );
}
