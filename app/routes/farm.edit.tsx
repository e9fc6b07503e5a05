import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FarmForm } from "~/components/farm/farm-form";
import { PhotoForm } from "~/components/farm/photo-form";
import { mapLinks } from "~/components/map/links";
import { Card, PageHeader } from "~/components/ui/page";
import { FarmInputSchema } from "~/domain/catalogue-input";
import { getFarmForOwner } from "~/models/farm.server";
import { removeFarmPhoto, replaceFarmPhoto, updateFarmProfile } from "~/services/farm.server";
import { formatBytes, photoUrl } from "~/services/upload.server";
import { readPhotoUpload } from "~/utils/photo-upload.server";
import discoveryCss from "~/styles/discovery.css";
import { getEnv } from "~/utils/env.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = () => [{ title: "Edit your farm — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await getFarmForOwner({ ownerId: user.id });
  if (!farm) return redirect("/farm/new");
  return json({
    farm: { ...farm, photoUrl: photoUrl(farm.photoPath, "small") },
    maxBytesLabel: formatBytes(getEnv().UPLOAD_MAX_BYTES),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await getFarmForOwner({ ownerId: user.id });
  if (!farm) throw new Response("Create your farm first.", { status: 404 });
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await readPhotoUpload(request);
    if (!upload.ok) return json({ photoError: upload.message }, { status: 400 });
    const result = await replaceFarmPhoto({ ownerId: user.id, file: upload.file });
    if (!result.ok) return json({ photoError: result.message }, { status: result.status });
    return redirectWithToast(request, "/farm/edit", "Photo updated.");
  }
  const formData = await request.formData();
  if (formData.get("intent") === "remove-photo") {
    const result = await removeFarmPhoto({ ownerId: user.id });
    if (!result.ok) return json({ photoError: result.message }, { status: result.status });
    return redirectWithToast(request, "/farm/edit", "Photo removed.");
  }
  // A farm id in the form must be the farmer's own: anything else is "not found".
  const farmId = formData.get("farmId");
  if (typeof farmId === "string" && farmId !== farm.id) throw new Response("Farm not found.", { status: 404 });
  const submission = parseWithZod(formData, { schema: FarmInputSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const updated = await updateFarmProfile({ id: farm.id, ownerId: user.id, input: submission.value });
  if (!updated) throw new Response("Farm not found.", { status: 404 });
  return redirectWithToast(request, "/farm", "Your farm profile was saved.");
}

export default function EditFarmPage() {
  const { farm, maxBytesLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formResult = actionData && !("photoError" in actionData) ? actionData : undefined;
  return (
    <>
      <PageHeader
        title={`Edit ${farm.name}`}
        description={
          <>
            Your public page: <Link to={`/farms/${farm.slug}`}>/farms/{farm.slug}</Link>
          </>
        }
        breadcrumbs={[{ to: "/farm", label: "My farm" }]}
      />
      <div className="grid grid-2" style={{ alignItems: "start" }}>
        <Card title="Profile and location">
          <FarmForm
            defaults={{
              name: farm.name,
              story: farm.story,
              certifications: farm.certifications.join(", "),
              contactEmail: farm.contactEmail ?? "",
              contactPhone: farm.contactPhone ?? "",
              address: farm.address ?? "",
              lat: String(farm.lat),
              lng: String(farm.lng),
              pickupInstructions: farm.pickupInstructions,
            }}
            lastResult={formResult}
            initialCenter={[farm.lat, farm.lng]}
            submitLabel="Save farm"
          />
        </Card>
        <Card title="Photo">
          <PhotoForm
            photoUrl={farm.photoUrl}
            alt={`${farm.name}`}
            error={actionData && "photoError" in actionData ? actionData.photoError : null}
            maxBytesLabel={maxBytesLabel}
            removable
          />
        </Card>
      </div>
    </>
  );
}
