// The account page's "Delivery messages" card (buyers only): a mobile number and how to be told
// about deliveries — email, text message, both or none (docs/decisions/033).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Alert } from "~/components/ui/page";
import { DELIVERY_NOTICE_CHANNELS, deliveryNoticesSchema, phoneVariant } from "~/utils/delivery-notices-form";

export interface DeliveryNoticesView {
  deliveryNotices: (typeof DELIVERY_NOTICE_CHANNELS)[number];
  mobilePhone: string | null;
  callingCode: string;
  smsEnabled: boolean;
}

export function DeliveryNoticesCard({
  view,
  lastResult,
}: {
  view: DeliveryNoticesView;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("auth");
  const schema = deliveryNoticesSchema(view.callingCode);
  const [form, fields] = useForm({
    id: "delivery-notices",
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { deliveryNotices: view.deliveryNotices, mobilePhone: view.mobilePhone ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const channel = fields.deliveryNotices;
  const channelErrorId = channel.errors?.length ? channel.errorId : undefined;
  return (
    <section className="card" id="delivery-messages" aria-labelledby="delivery-messages-title">
      <div className="card-header">
        <h2 id="delivery-messages-title">{t("account.notices.title")}</h2>
      </div>
      <p className="muted">{t("account.notices.intro")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="notices" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <fieldset aria-describedby={channelErrorId} aria-invalid={channelErrorId ? true : undefined}>
          <legend>{t("account.notices.channel")}</legend>
          <div className="choice-list">
            {DELIVERY_NOTICE_CHANNELS.map((value) => (
              <div className="choice" key={value}>
                <input
                  type="radio"
                  id={`${channel.id}-${value}`}
                  name={channel.name}
                  value={value}
                  defaultChecked={channel.initialValue === value}
                />
                <label htmlFor={`${channel.id}-${value}`}>{t(`account.notices.channels.${value}`)}</label>
              </div>
            ))}
          </div>
          <ErrorList id={channel.errorId} errors={channel.errors} />
        </fieldset>
        <Field
          meta={fields.mobilePhone}
          label={t("account.notices.mobile")}
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          hint={t(`account.notices.mobileHint.${phoneVariant(view.callingCode)}`)}
        />
        {view.smsEnabled ? null : <Alert tone="info">{t("account.notices.smsOff")}</Alert>}
        <SubmitButton name="intent" value="notices" pendingText={t("account.notices.saving")}>
          {t("account.notices.save")}
        </SubmitButton>
      </Form>
    </section>
  );
}
