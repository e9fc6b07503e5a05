// The money part of hub settings (docs/decisions/035): how buyers pay the hub's invoices (payee
// and bank details), the commission and fee rates, and the hub's farms with their commission
// override and payout status (read only). Two forms of their own (intent "money" and
// "farm-commission"), so saving them never resets the rest of the settings and vice versa.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PayoutStatusBadge, type PayoutStatusValue } from "~/components/farm/payout-status";
import { SubmitButton } from "~/components/ui/button";
import { CheckboxField, ErrorList, Field } from "~/components/ui/field";
import { Card, EmptyState } from "~/components/ui/page";
import { TableWrap } from "~/components/ui/table-wrap";
import { isValidIban, normaliseIban } from "~/domain/bank-details";
import { basisPointsToInput, MAX_COMMISSION_BASIS_POINTS, parsePercentToBasisPoints } from "~/domain/commission";
import { lazyT } from "~/i18n/i18n";

const MAX_PERCENT = MAX_COMMISSION_BASIS_POINTS / 100;

/**
 * Free text, trimmed; empty is "not set" (null). One transform, no inner schema: conform's
 * coercion would turn an inner schema's "" into undefined and call the field required.
 */
const optionalText = (max: number, pattern?: RegExp, patternKey?: "sortCode" | "accountNumber") =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = value?.trim() ?? "";
      if (text === "") return null;
      if (text.length > max) {
        ctx.addIssue({ code: "custom", message: lazyT("hub:settings.money.errors.tooLong", { max })() });
        return z.NEVER;
      }
      if (pattern && patternKey && !pattern.test(text)) {
        ctx.addIssue({ code: "custom", message: lazyT(`hub:settings.money.errors.${patternKey}`)() });
        return z.NEVER;
      }
      return text;
    });

/** A percentage from 0 to 50 with at most two decimals, as basis points; `empty` when left blank. */
const percent = <T extends number | null>(empty: T) =>
  z
    .string()
    .optional()
    .transform((value, ctx): number | T => {
      if (!value || value.trim() === "") return empty;
      const bp = parsePercentToBasisPoints(value);
      if (bp === null) {
        ctx.addIssue({ code: "custom", message: lazyT("hub:settings.money.errors.percent", { max: MAX_PERCENT })() });
        return z.NEVER;
      }
      return bp;
    });

export const HubMoneySchema = z.object({
  intent: z.literal("money"),
  payeeName: optionalText(100),
  bankAccountName: optionalText(100),
  bankSortCode: optionalText(20, /^[0-9][0-9 -]*$/, "sortCode"),
  bankAccountNumber: optionalText(34, /^[A-Za-z0-9][A-Za-z0-9 -]*$/, "accountNumber"),
  bankIban: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value || value.trim() === "") return null;
      if (!isValidIban(value)) {
        ctx.addIssue({ code: "custom", message: lazyT("hub:settings.money.errors.iban")() });
        return z.NEVER;
      }
      return normaliseIban(value);
    }),
  paymentReferenceHint: optionalText(200),
  commissionPercent: percent(0),
  hubFeePercent: percent(0),
  cardFeesSharedWithFarms: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});

export const FarmCommissionSchema = z.object({
  intent: z.literal("farm-commission"),
  farmId: z
    .string({ error: lazyT("hub:settings.farms.errors.farm") })
    .trim()
    .min(1, { error: lazyT("hub:settings.farms.errors.farm") })
    .max(64, { error: lazyT("hub:settings.farms.errors.farm") }),
  // Empty: the farm pays the hub's rate.
  commissionPercent: percent(null),
});

export interface HubMoneyValues {
  payeeName: string | null;
  bankAccountName: string | null;
  bankSortCode: string | null;
  bankAccountNumber: string | null;
  bankIban: string | null;
  paymentReferenceHint: string | null;
  commissionBasisPoints: number;
  hubFeeBasisPoints: number;
  cardFeesSharedWithFarms: boolean;
}

export function MoneySettingsCard({
  money,
  lastResult,
}: {
  money: HubMoneyValues;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("hub");
  const [form, fields] = useForm<z.input<typeof HubMoneySchema>, z.output<typeof HubMoneySchema>>({
    id: "hub-money",
    lastResult,
    constraint: getZodConstraint(HubMoneySchema),
    shouldValidate: "onBlur",
    defaultValue: {
      intent: "money",
      payeeName: money.payeeName ?? "",
      bankAccountName: money.bankAccountName ?? "",
      bankSortCode: money.bankSortCode ?? "",
      bankAccountNumber: money.bankAccountNumber ?? "",
      bankIban: money.bankIban ?? "",
      paymentReferenceHint: money.paymentReferenceHint ?? "",
      commissionPercent: basisPointsToInput(money.commissionBasisPoints),
      hubFeePercent: basisPointsToInput(money.hubFeeBasisPoints),
      cardFeesSharedWithFarms: money.cardFeesSharedWithFarms ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HubMoneySchema }),
  });
  return (
    <Card title={t("settings.money.title")}>
      <Form method="post" className="form" style={{ maxWidth: "none" }} {...getFormProps(form)}>
        <input type="hidden" name="intent" value="money" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <p className="small muted">{t("settings.money.description")}</p>
        <fieldset>
          <legend>{t("settings.money.payeeLegend")}</legend>
          <div className="form-row">
            <Field meta={fields.payeeName} label={t("settings.money.payeeName")} autoComplete="organization" />
            <Field meta={fields.bankAccountName} label={t("settings.money.bankAccountName")} />
          </div>
          <div className="form-row">
            <Field
              meta={fields.bankSortCode}
              label={t("settings.money.sortCode")}
              inputMode="numeric"
              hint={t("settings.money.sortCodeHint")}
            />
            <Field meta={fields.bankAccountNumber} label={t("settings.money.accountNumber")} inputMode="numeric" />
          </div>
          <Field
            meta={fields.bankIban}
            label={t("settings.money.iban")}
            hint={t("settings.money.ibanHint")}
            autoCapitalize="characters"
            spellCheck={false}
          />
          <Field
            meta={fields.paymentReferenceHint}
            label={t("settings.money.referenceHint")}
            hint={t("settings.money.referenceHintHint")}
          />
        </fieldset>
        <fieldset>
          <legend>{t("settings.money.ratesLegend")}</legend>
          <div className="form-row">
            <Field
              meta={fields.commissionPercent}
              label={t("settings.money.commission")}
              inputMode="decimal"
              hint={t("settings.money.commissionHint", { max: MAX_PERCENT })}
            />
            <Field
              meta={fields.hubFeePercent}
              label={t("settings.money.hubFee")}
              inputMode="decimal"
              hint={t("settings.money.hubFeeHint")}
            />
          </div>
          <CheckboxField
            meta={fields.cardFeesSharedWithFarms}
            label={t("settings.money.cardFeesShared")}
            hint={t("settings.money.cardFeesSharedHint")}
          />
        </fieldset>
        <SubmitButton pendingText={t("common:actions.saving")}>{t("settings.money.submit")}</SubmitButton>
      </Form>
    </Card>
  );
}

export interface HubFarmMoney {
  id: string;
  name: string;
  commissionBasisPoints: number | null;
  payoutStatus: PayoutStatusValue;
}

export function FarmsCommissionCard({
  farms,
  hubBasisPoints,
  error,
}: {
  farms: HubFarmMoney[];
  hubBasisPoints: number;
  /** The farm whose save was refused, and why. */
  error: { farmId: string; message: string } | null;
}) {
  const { t } = useTranslation("hub");
  const navigation = useNavigation();
  const hubRate = basisPointsToInput(hubBasisPoints);
  return (
    <Card title={t("settings.farms.title")}>
      <p className="small muted">{t("settings.farms.description", { rate: hubRate })}</p>
      {farms.length === 0 ? (
        <EmptyState title={t("settings.farms.emptyTitle")}>{t("settings.farms.emptyBody")}</EmptyState>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("settings.farms.columns.farm")}</th>
                <th scope="col">{t("settings.farms.columns.payouts")}</th>
                <th scope="col">{t("settings.farms.columns.commission")}</th>
              </tr>
            </thead>
            <tbody>
              {farms.map((farm) => {
                const inputId = `farm-commission-${farm.id}`;
                const failed = error?.farmId === farm.id ? error.message : null;
                const saving = navigation.state === "submitting" && navigation.formData?.get("farmId") === farm.id;
                return (
                  <tr key={farm.id}>
                    <th scope="row">{farm.name}</th>
                    <td>
                      <PayoutStatusBadge status={farm.payoutStatus} />
                    </td>
                    <td>
                      <Form method="post" className="row" style={{ gap: "0.5rem", flexWrap: "wrap" }}>
                        <input type="hidden" name="intent" value="farm-commission" />
                        <input type="hidden" name="farmId" value={farm.id} />
                        <label htmlFor={inputId} className="visually-hidden">
                          {t("settings.farms.overrideLabel", { farm: farm.name })}
                        </label>
                        <input
                          id={inputId}
                          name="commissionPercent"
                          inputMode="decimal"
                          size={6}
                          defaultValue={
                            farm.commissionBasisPoints === null ? "" : basisPointsToInput(farm.commissionBasisPoints)
                          }
                          placeholder={hubRate}
                          aria-invalid={failed ? true : undefined}
                          aria-describedby={failed ? `${inputId}-error` : undefined}
                        />
                        <span aria-hidden="true">%</span>
                        <button
                          type="submit"
                          className="btn btn-secondary btn-small"
                          aria-disabled={saving || undefined}
                        >
                          {saving ? t("common:actions.saving") : t("settings.farms.save")}
                        </button>
                        {failed ? <ErrorList id={`${inputId}-error`} errors={[failed]} /> : null}
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="small muted">{t("settings.farms.blankMeansHub")}</p>
    </Card>
  );
}
