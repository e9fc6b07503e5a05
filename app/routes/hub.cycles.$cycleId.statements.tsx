// The cycle's producer statements (docs/decisions/037): per farm gross, commission, net and status,
// the farm's payout status, and Approve / Pay via Stripe / Mark paid (with a bank-transfer reference);
// the hub's money for the cycle (holds, owes, paid) and a CSV of the statements.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PayoutStatusBadge, type PayoutStatusValue } from "~/components/farm/payout-status";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, EmptyState, PageHeader, Stat } from "~/components/ui/page";
import { parseMoneyToMinor } from "~/domain/money";
import { MAX_PAYOUT_REFERENCE } from "~/domain/statement";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import {
  approveStatement,
  getCycleStatements,
  markStatementPaidByHand,
  payStatement,
  reverseStatement,
  type StatementFailure,
} from "~/services/statement.server";
import coordinatorCss from "~/styles/coordinator.css";
import { requireHub } from "~/utils/hub-guard.server";
import { redirectWithToast } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("statements.metaTitle") }];

const id = z.string().trim().min(1).max(64);
const version = z.coerce.number().int().min(0).max(1_000_000).optional();

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), farmId: id, version }),
  z.object({ intent: z.literal("pay"), statementId: id, version }),
  z.object({
    intent: z.literal("paid"),
    statementId: id,
    version,
    reference: z.string().trim().max(MAX_PAYOUT_REFERENCE).default(""),
  }),
  z.object({ intent: z.literal("reverse"), statementId: id, amount: z.string().trim().max(20).optional() }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const data = await getCycleStatements({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!data) throw new Response(serverT("hub")("cycles.notFound"), { status: 404 });
  return json({ ...data, timeZone: hub.timeZone });
}

type ActionError = { error: string; intent?: string; target?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, hub } = await requireHub(request);
  const t = serverT("hub");
  const cycleId = params.cycleId ?? "";
  const raw = Object.fromEntries(await request.formData());
  const parsed = ActionSchema.safeParse(raw);
  if (!parsed.success) {
    const intent = typeof raw.intent === "string" ? raw.intent : "";
    const error = ["approve", "pay", "paid", "reverse"].includes(intent)
      ? t("statements.errors.badForm")
      : t("statements.errors.unknownAction");
    return json<ActionError>({ error }, { status: 400 });
  }
  const form = parsed.data;
  const here = `/hub/cycles/${cycleId}/statements`;
  const failed = (result: StatementFailure, target: string) => {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    return json<ActionError>({ error: result.message, intent: form.intent, target }, { status: result.status });
  };
  const own = await getCycleStatements({ hubId: hub.id, cycleId });
  if (!own) throw new Response(t("cycles.notFound"), { status: 404 });
  // Statements are acted on only through the cycle's page: one of another cycle is not found here.
  const statementOf = (statementId: string) => own.statements.find((s) => s.id === statementId);
  switch (form.intent) {
    case "approve": {
      const result = await approveStatement({
        hubId: hub.id,
        cycleId,
        farmId: form.farmId,
        userId: user.id,
        version: form.version,
      });
      if (!result.ok) return failed(result, form.farmId);
      return redirectWithToast(
        request,
        here,
        result.approvedNow ? t("statements.toast.approved") : t("statements.toast.alreadyApproved"),
      );
    }
    case "pay": {
      if (!statementOf(form.statementId)) throw new Response(t("statements.errors.notFound"), { status: 404 });
      const result = await payStatement({
        hubId: hub.id,
        statementId: form.statementId,
        userId: user.id,
        version: form.version,
      });
      if (!result.ok) return failed(result, form.statementId);
      return redirectWithToast(
        request,
        here,
        result.paidNow ? t("statements.toast.transferred") : t("statements.toast.alreadyPaid"),
      );
    }
    case "paid": {
      if (!statementOf(form.statementId)) throw new Response(t("statements.errors.notFound"), { status: 404 });
      if (!form.reference)
        return json<ActionError>(
          { error: t("statements.errors.referenceRequired"), intent: "paid", target: form.statementId },
          { status: 400 },
        );
      const result = await markStatementPaidByHand({
        hubId: hub.id,
        statementId: form.statementId,
        reference: form.reference,
        userId: user.id,
        version: form.version,
      });
      if (!result.ok) return failed(result, form.statementId);
      return redirectWithToast(
        request,
        here,
        result.paidNow ? t("statements.toast.markedPaid") : t("statements.toast.alreadyPaid"),
      );
    }
    case "reverse": {
      const statement = statementOf(form.statementId);
      if (!statement) throw new Response(t("statements.errors.notFound"), { status: 404 });
      let amountMinor: number | undefined;
      if (form.amount) {
        const amount = parseMoneyToMinor(form.amount, { label: t("statements.reverseAmount") });
        if (!amount.ok)
          return json<ActionError>(
            { error: amount.error, intent: "reverse", target: form.statementId },
            { status: 400 },
          );
        amountMinor = amount.value;
      }
      const result = await reverseStatement({ hubId: hub.id, statementId: form.statementId, amountMinor });
      if (!result.ok) return failed(result, form.statementId);
      return redirectWithToast(request, here, t("statements.toast.reversed"));
    }
  }
}

export default function CycleStatementsPage() {
  const { cycle, statements, money, currency, delivered, stripe } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("hub");
  const format = useFormat();
  const busy = navigation.state === "submitting";
  const errorFor = (target: string) =>
    actionData && "error" in actionData && actionData.target === target ? actionData.error : null;
  const generalError = actionData && "error" in actionData && !actionData.target ? actionData.error : null;
  return (
    <>
      <PageHeader
        title={t("statements.title", { cycle: cycle.name })}
        description={t("statements.description")}
        breadcrumbs={[
          { to: "/hub", label: t("common:nav.hub") },
          { to: "/hub/cycles", label: t("common:nav.cycles") },
          { to: `/hub/cycles/${cycle.id}`, label: cycle.name },
        ]}
        actions={
          statements.length > 0 ? (
            <a className="btn btn-secondary" href={`/hub/cycles/${cycle.id}/statements.csv`} download>
              {t("statements.downloadCsv")}
            </a>
          ) : null
        }
      />
      {generalError ? <Alert tone="error">{generalError}</Alert> : null}
      <Card title={t("statements.moneyTitle")}>
        <dl className="stats" data-testid="cycle-money">
          <Stat label={t("statements.collected")} value={format.money(money.collectedMinor, currency)} />
          <Stat
            label={t("statements.holds")}
            value={format.money(money.holdsMinor, currency)}
            hint={t("statements.holdsHint")}
          />
          <Stat
            label={t("statements.owes")}
            value={format.money(money.owesMinor, currency)}
            hint={t("statements.owesHint")}
          />
          <Stat label={t("statements.paid")} value={format.money(money.paidMinor, currency)} />
        </dl>
      </Card>
      {!delivered && statements.length > 0 ? <Alert tone="info">{t("statements.notDeliveredYet")}</Alert> : null}
      {statements.length === 0 ? (
        <EmptyState title={t("statements.emptyTitle")}>{t("statements.empty")}</EmptyState>
      ) : (
        <div className="stack">
          {statements.map((s) => {
            const error = errorFor(s.id ?? s.farmId) ?? (s.id ? errorFor(s.farmId) : null);
            return (
              <Card
                key={s.farmId}
                title={s.farmName}
                actions={<span className="badge badge-neutral">{t(`statements.status.${s.status}`)}</span>}
              >
                <div data-testid={`statement-${s.farmId}`}>
                  <table>
                    <caption className="visually-hidden">
                      {t("statements.figuresCaption", { farm: s.farmName })}
                    </caption>
                    <tbody>
                      <tr>
                        <th scope="row">{t("statements.gross", { count: s.lineCount })}</th>
                        <td className="num">{format.money(s.grossMinor, currency)}</td>
                      </tr>
                      <tr>
                        <th scope="row">
                          {t("statements.commission", {
                            percent: format.number(s.commissionBasisPoints / 100, { maximumFractionDigits: 2 }),
                          })}
                        </th>
                        <td className="num">{format.money(0 - s.commissionMinor, currency)}</td>
                      </tr>
                      <tr>
                        <th scope="row">{t("statements.net")}</th>
                        <td className="num">
                          <strong>{format.money(s.netMinor, currency)}</strong>
                        </td>
                      </tr>
                    </tbody>
                  </table>
                  <p>
                    {t("statements.farmPayout")}{" "}
                    {stripe ? (
                      <PayoutStatusBadge status={s.payoutStatus as PayoutStatusValue} />
                    ) : (
                      t("statements.byBank")
                    )}
                  </p>
                  {s.status === "PAID" ? (
                    <p data-testid="statement-paid">
                      {s.payoutMethod === "STRIPE"
                        ? t("statements.paidByStripe", { transfer: s.stripeTransferId })
                        : t("statements.paidByHand", { reference: s.payoutReference })}
                      {s.reversedMinor > 0
                        ? ` ${t("statements.reversedAmount", { amount: format.money(s.reversedMinor, currency) })}`
                        : null}
                    </p>
                  ) : null}
                  {error ? <Alert tone="error">{error}</Alert> : null}
                  <div className="row" style={{ flexWrap: "wrap", gap: "0.5rem" }}>
                    {s.canApprove ? (
                      <Form method="post">
                        <input type="hidden" name="farmId" value={s.farmId} />
                        <input type="hidden" name="version" value={s.version} />
                        <SubmitButton
                          name="intent"
                          value="approve"
                          pendingText={t("statements.approving")}
                          disabled={busy}
                        >
                          {t("statements.approve")}
                        </SubmitButton>
                      </Form>
                    ) : null}
                    {s.canPayByStripe && s.id ? (
                      <Form method="post">
                        <input type="hidden" name="statementId" value={s.id} />
                        <input type="hidden" name="version" value={s.version} />
                        <SubmitButton
                          name="intent"
                          value="pay"
                          pendingText={t("statements.paying")}
                          disabled={busy}
                          confirm={t("statements.payConfirm", {
                            amount: format.money(s.netMinor, currency),
                            farm: s.farmName,
                          })}
                        >
                          {t("statements.payStripe", { amount: format.money(s.netMinor, currency) })}
                        </SubmitButton>
                      </Form>
                    ) : null}
                    {s.canMarkPaid && s.id ? (
                      <Form
                        method="post"
                        className="row"
                        style={{ flexWrap: "wrap", gap: "0.5rem", alignItems: "end" }}
                      >
                        <input type="hidden" name="statementId" value={s.id} />
                        <input type="hidden" name="version" value={s.version} />
                        <div className="field">
                          <label htmlFor={`ref-${s.farmId}`}>{t("statements.reference")}</label>
                          <input
                            id={`ref-${s.farmId}`}
                            name="reference"
                            required
                            maxLength={MAX_PAYOUT_REFERENCE}
                            autoComplete="off"
                            aria-describedby={`ref-hint-${s.farmId}`}
                          />
                          <small id={`ref-hint-${s.farmId}`} className="muted">
                            {t("statements.referenceHint", { amount: format.money(s.netMinor, currency) })}
                          </small>
                        </div>
                        <SubmitButton name="intent" value="paid" pendingText={t("statements.marking")} disabled={busy}>
                          {t("statements.markPaid")}
                        </SubmitButton>
                      </Form>
                    ) : null}
                    {s.status === "PAID" && s.payoutMethod === "STRIPE" && s.reversedMinor === 0 && s.id ? (
                      <Form
                        method="post"
                        className="row"
                        style={{ flexWrap: "wrap", gap: "0.5rem", alignItems: "end" }}
                      >
                        <input type="hidden" name="statementId" value={s.id} />
                        <div className="field">
                          <label htmlFor={`reverse-${s.farmId}`}>{t("statements.reverseAmount")}</label>
                          <input
                            id={`reverse-${s.farmId}`}
                            name="amount"
                            inputMode="decimal"
                            placeholder={format.money(s.netMinor, currency)}
                          />
                        </div>
                        <SubmitButton
                          name="intent"
                          value="reverse"
                          variant="danger"
                          pendingText={t("statements.reversing")}
                          disabled={busy}
                          confirm={t("statements.reverseConfirm", { farm: s.farmName })}
                        >
                          {t("statements.reverse")}
                        </SubmitButton>
                      </Form>
                    ) : null}
                  </div>
                </div>
              </Card>
            );
          })}
        </div>
      )}
      <p>
        <Link to={`/hub/cycles/${cycle.id}`}>{t("statements.back")}</Link>
      </p>
    </>
  );
}
