// Uses the aifacts API through a client generated from openapi/openapi.json:
// lists companies, reads a figure, submits a source as an admin and waits for its job.
// Reads AIFACTS_BASE_URL, AIFACTS_ADMIN_TOKEN and AIFACTS_ARTICLE (the text to submit);
// prints what it saw as one JSON object, or exits with status 1 and the reason.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api.js";

type Job = components["schemas"]["Job"];

const JOB_WITHIN_MS = 60_000;
const POLL_EVERY_MS = 200;

function setting(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const baseUrl = setting("AIFACTS_BASE_URL");
  const api = createClient<paths>({ baseUrl });
  const admin = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${setting("AIFACTS_ADMIN_TOKEN")}` },
  });

  const companies = await api.GET("/v1/companies", { params: { query: { limit: 5 } } });
  if (!companies.data) {
    throw new Error(`listCompanies answered ${companies.response.status}`);
  }

  const figures = await api.GET("/v1/figures", {
    params: { query: { company: "openai", metric: "revenue", limit: 1 } },
  });
  const first = figures.data?.data[0];
  if (!first) {
    throw new Error(`listFigures answered ${figures.response.status} with no figure`);
  }
  const figure = await api.GET("/v1/figures/{figure_id}", {
    params: { path: { figure_id: first.id } },
  });
  if (!figure.data) {
    throw new Error(`getFigure answered ${figure.response.status}`);
  }

  const submitted = await admin.POST("/v1/admin/sources", {
    body: { text: setting("AIFACTS_ARTICLE"), published_on: "2030-03-02", language: "en" },
  });
  if (!submitted.data) {
    const problem = JSON.stringify(submitted.error);
    throw new Error(`createSource answered ${submitted.response.status}: ${problem}`);
  }
  const jobId = submitted.data.job.id;
  const deadline = Date.now() + JOB_WITHIN_MS;
  let job: Job | undefined;
  while (job === undefined || job.status === "queued" || job.status === "running") {
    if (Date.now() > deadline) {
      throw new Error(`job ${jobId} still ${job?.status} after ${JOB_WITHIN_MS} ms`);
    }
    if (job !== undefined) {
      await sleep(POLL_EVERY_MS);
    }
    const answer = await admin.GET("/v1/admin/jobs/{job_id}", {
      params: { path: { job_id: jobId } },
    });
    if (!answer.data) {
      throw new Error(`getJob answered ${answer.response.status}`);
    }
    job = answer.data;
  }

  const seen = {
    companies: companies.data.data.map((company) => company.slug),
    next_cursor: companies.data.next_cursor,
    figure: { id: figure.data.id, company: figure.data.company, metric: figure.data.metric },
    source_id: submitted.data.source_id,
    job: { id: job.id, status: job.status, source_id: job.source_id, error: job.error },
  };
  console.log(JSON.stringify(seen));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
