// The product form (create and edit). Text in, validated by the same schema as the CSV import.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { CheckboxField, ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { FIXED_GRAMS_PER_UNIT, isUnit, PRODUCT_CATEGORIES, UNITS, type Unit } from "~/domain/catalogue";
import { ProductInputSchema, type ProductField } from "~/domain/catalogue-input";
import { quantityStep } from "~/domain/quantity";

/** Hidden field of the edit form: the stock (thousandths) the form showed when it was opened. */
export const LOADED_STOCK_FIELD = "stockLoadedMilli";

export type ProductFormDefaults = Partial<Record<ProductField, string>>;

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
  const { t } = useTranslation("farmer");
  const format = useFormat();
  const categoryOptions = useMemo(
    () => PRODUCT_CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) })),
    [t],
  );
  const unitOptions = useMemo(() => UNITS.map((value) => ({ value, label: t(`units.label.${value}`) })), [t]);
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
  const symbol = t(`units.symbol.${unit}`);
  const money = format.currencySymbol(currency);
  const fixedGrams = FIXED_GRAMS_PER_UNIT[unit];
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      {loadedStock !== undefined ? <input type="hidden" name={LOADED_STOCK_FIELD} value={loadedStock} /> : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field meta={fields.name} label={t("productForm.name")} />
      <Field
        meta={fields.code}
        label={t("productForm.code")}
        hint={t("productForm.codeHint")}
        autoCapitalize="characters"
      />
      <TextareaField meta={fields.description} label={t("productForm.description")} rows={3} />
      <div className="form-row">
        <SelectField
          meta={fields.category}
          label={t("productForm.category")}
          options={categoryOptions}
          placeholder={t("productForm.choose")}
        />
        <SelectField
          meta={fields.unit}
          label={t("productForm.unit")}
          options={unitOptions}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isUnit(value)) setUnit(value);
          }}
        />
      </div>
      {fixedGrams ? (
        // A weight unit weighs what it says: no field to get wrong (the server ignores one anyway).
        <p className="field-hint" id={`${fields.gramsPerUnit.id}-fixed`}>
          {unit === "LB"
            ? t("productForm.fixedWeightRounded", {
                unit: symbol,
                grams: format.number(fixedGrams),
                exact: format.number(453.59),
              })
            : t("productForm.fixedWeight", { unit: symbol, grams: format.number(fixedGrams) })}
        </p>
      ) : (
        <Field
          meta={fields.gramsPerUnit}
          label={t("productForm.gramsPerUnit", { unit: symbol })}
          inputMode="numeric"
          placeholder={t("productForm.gramsPerUnitPlaceholder")}
          hint={t("productForm.gramsPerUnitHint")}
        />
      )}
      <div className="form-row">
        <Field
          meta={fields.retailPrice}
          label={t("productForm.retailPrice", { unit: symbol, currency: money })}
          inputMode="decimal"
          placeholder={t("productForm.pricePlaceholder")}
        />
        <Field
          meta={fields.stock}
          label={t("productForm.stock", { unit: symbol })}
          inputMode="decimal"
          step={quantityStep(unit)}
          placeholder="0"
        />
      </div>
      <fieldset>
        <legend>{t("productForm.wholesale.legend")}</legend>
        <p className="field-hint">{t("productForm.wholesale.hint")}</p>
        <div className="form-row">
          <Field
            meta={fields.wholesalePrice}
            label={t("productForm.wholesale.price", { unit: symbol, currency: money })}
            inputMode="decimal"
          />
          <Field
            meta={fields.wholesaleMin}
            label={t("productForm.wholesale.minimum", { unit: symbol })}
            inputMode="decimal"
          />
        </div>
      </fieldset>
      <Field
        meta={fields.lowStock}
        label={t("productForm.lowStock", { unit: symbol })}
        inputMode="decimal"
        hint={t("productForm.lowStockHint")}
      />
      <CheckboxField meta={fields.chilled} label={t("productForm.chilled")} hint={t("productForm.chilledHint")} />
      <CheckboxField
        meta={fields.soldByWeight}
        label={t("productForm.soldByWeight")}
        hint={t("productForm.soldByWeightHint")}
      />
      <fieldset>
        <legend>{t("productForm.season.legend")}</legend>
        <p className="field-hint">{t("productForm.season.hint")}</p>
        <div className="form-row">
          <Field meta={fields.availableFrom} label={t("productForm.season.from")} type="date" />
          <Field meta={fields.availableTo} label={t("productForm.season.to")} type="date" />
        </div>
      </fieldset>
      <SubmitButton pendingText={t("common:actions.saving")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
