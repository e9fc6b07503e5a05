// The product form (create and edit). Text in, validated by the same schema as the CSV import.
import { currencySymbol } from "~/utils/format";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { SubmitButton } from "~/components/ui/button";
import { CheckboxField, ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import {
  CATEGORY_LABELS,
  FIXED_GRAMS_PER_UNIT,
  isUnit,
  PRODUCT_CATEGORIES,
  UNIT_LABELS,
  UNIT_SYMBOLS,
  UNITS,
  type Unit,
} from "~/domain/catalogue";
import { ProductInputSchema, type ProductField } from "~/domain/catalogue-input";
import { quantityStep } from "~/domain/quantity";

/** Hidden field of the edit form: the stock (thousandths) the form showed when it was opened. */
export const LOADED_STOCK_FIELD = "stockLoadedMilli";

export type ProductFormDefaults = Partial<Record<ProductField, string>>;

const CATEGORY_OPTIONS = PRODUCT_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }));
const UNIT_OPTIONS = UNITS.map((value) => ({ value, label: UNIT_LABELS[value] }));

export function ProductForm({
  defaults,
  lastResult,
  submitLabel,
  loadedStockMilli,
  currency,
}: {
  /** The farm's hub currency: the prices are typed in it. */
  currency: string;
  defaults: ProductFormDefaults;
  /** Edit form only: the stock the farmer saw. Kept from the first render; moved only when the
   * server answers that the stock changed (so the next save knowingly replaces the new figure). */
  loadedStockMilli?: number;
  lastResult: SubmissionResult<string[]> | null | undefined;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProductInputSchema }),
  });
  const [unit, setUnit] = useState<Unit>(defaults.unit && isUnit(defaults.unit) ? defaults.unit : "KG");
  const [loadedStock, setLoadedStock] = useState(loadedStockMilli);
  useEffect(() => {
    const current = lastResult && "currentStockMilli" in lastResult ? lastResult.currentStockMilli : undefined;
    if (typeof current === "number") setLoadedStock(current);
  }, [lastResult]);
  const symbol = UNIT_SYMBOLS[unit];
  const fixedGrams = FIXED_GRAMS_PER_UNIT[unit];
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      {loadedStock !== undefined ? <input type="hidden" name={LOADED_STOCK_FIELD} value={loadedStock} /> : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field meta={fields.name} label="Product name" />
      <Field
        meta={fields.code}
        label="Product code (optional)"
        hint="Your own code (SKU), like EGG-12: a CSV import updates the product with the same code."
        autoCapitalize="characters"
      />
      <TextareaField meta={fields.description} label="Description (optional)" rows={3} />
      <div className="form-row">
        <SelectField meta={fields.category} label="Category" options={CATEGORY_OPTIONS} placeholder="Choose…" />
        <SelectField
          meta={fields.unit}
          label="Sold by"
          options={UNIT_OPTIONS}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isUnit(value)) setUnit(value);
          }}
        />
      </div>
      {fixedGrams ? (
        // A weight unit weighs what it says: no field to get wrong (the server ignores one anyway).
        <p className="field-hint" id={`${fields.gramsPerUnit.id}-fixed`}>
          One {symbol} weighs {fixedGrams.toLocaleString("en-GB")} g{unit === "LB" ? " (453.59 g, rounded)" : ""}: used
          for van loads, carbon and the price per kg.
        </p>
      ) : (
        <Field
          meta={fields.gramsPerUnit}
          label={`Weight of one ${symbol} (grams)`}
          inputMode="numeric"
          placeholder="e.g. 600"
          hint="Packed weight, used for van loads, carbon and the price per kg."
        />
      )}
      <div className="form-row">
        <Field
          meta={fields.retailPrice}
          label={`Retail price per ${symbol} (${currencySymbol(currency)})`}
          inputMode="decimal"
          placeholder="2.50"
        />
        <Field
          meta={fields.stock}
          label={`Stock (${symbol})`}
          inputMode="decimal"
          step={quantityStep(unit)}
          placeholder="0"
        />
      </div>
      <fieldset>
        <legend>Wholesale (optional)</legend>
        <p className="field-hint">Restaurants pay this price when they order at least the minimum quantity.</p>
        <div className="form-row">
          <Field
            meta={fields.wholesalePrice}
            label={`Wholesale price per ${symbol} (${currencySymbol(currency)})`}
            inputMode="decimal"
          />
          <Field meta={fields.wholesaleMin} label={`Minimum quantity (${symbol})`} inputMode="decimal" />
        </div>
      </fieldset>
      <Field
        meta={fields.lowStock}
        label={`Low-stock alert at (${symbol})`}
        inputMode="decimal"
        hint="Shown on your dashboard when stock falls to this level."
      />
      <CheckboxField meta={fields.chilled} label="Needs to be kept chilled" hint="Goes in a refrigerated van." />
      <fieldset>
        <legend>Season (optional)</legend>
        <p className="field-hint">Outside these dates the product is hidden from buyers.</p>
        <div className="form-row">
          <Field meta={fields.availableFrom} label="Available from" type="date" />
          <Field meta={fields.availableTo} label="Available to" type="date" />
        </div>
      </fieldset>
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}
