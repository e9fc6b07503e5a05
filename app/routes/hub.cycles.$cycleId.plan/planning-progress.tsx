// The running planning job: progress from the job route every second, a Cancel button, and a
// reload of the page's data when the run ends.
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui/page";

export function PlanningProgress({ cycleId, jobId }: { cycleId: string; jobId: string }) {
  const fetcher = useFetcher<{
    job: { status: string; progress: number; message: string; cancelRequested: boolean };
  }>();
  const cancel = useFetcher();
  const { t } = useTranslation("hub");
  const revalidator = useRevalidator();
  const job = fetcher.data?.job;
  useEffect(() => {
    const timer = setInterval(() => {
      if (fetcher.state === "idle") fetcher.load(`/hub/cycles/${cycleId}/plan/job?id=${jobId}`);
    }, 1000);
    return () => clearInterval(timer);
  }, [cycleId, jobId, fetcher]);
  const finished = job && job.status !== "RUNNING";
  useEffect(() => {
    if (finished && revalidator.state === "idle") revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the run finishes
  }, [finished]);
  const progress = job?.progress ?? 0;
  return (
    <Card title={t("plan.progress.title")}>
      <p id="plan-progress-label" aria-live="polite">
        {job?.cancelRequested && job.status === "RUNNING"
          ? t("plan.progress.cancelling")
          : (job?.message ?? t("plan.progress.starting"))}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby="plan-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
      >
        <span style={{ width: `${progress}%` }} />
      </div>
      {!finished ? (
        <cancel.Form method="post" style={{ marginTop: "0.75rem" }}>
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="jobId" value={jobId} />
          <button
            type="submit"
            className="btn btn-secondary btn-small"
            disabled={cancel.state !== "idle" || job?.cancelRequested}
          >
            {t("common:actions.cancel")}
          </button>
        </cancel.Form>
      ) : null}
    </Card>
  );
}
