// Progress of a planning run, polled by the plan page (any instance can answer: it is in the database).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { serverT } from "~/i18n/i18n.server";
import { findPlanningJob } from "~/models/planning-job.server";
import { requireHub } from "~/utils/hub-guard.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const jobId = new URL(request.url).searchParams.get("id") ?? "";
  const job = await findPlanningJob({ hubId: hub.id, cycleId: params.cycleId ?? "", jobId });
  if (!job) throw new Response(serverT("hub")("plan.jobNotFound"), { status: 404 });
  return json(
    {
      job: {
        id: job.id,
        status: job.status,
        progress: job.progress,
        message: job.message,
        cancelRequested: job.cancelRequested,
      },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
